import { contract, isMethodName, methodNames } from '../../shared/api/contract'
import { VerbatimError } from '../../shared/errors'
import { parse } from '../args'
import { openFor } from '../open'
import { printJson } from '../output'

export async function callCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { archive: { type: 'string' } })
  const [method, json = '{}'] = positionals
  if (!method || !isMethodName(method)) {
    throw new VerbatimError('invalid-input', `Usage: verbatim call METHOD JSON [--archive DIR]. Methods: ${methodNames.join(', ')}`)
  }
  let input: unknown
  try {
    input = JSON.parse(json)
  } catch {
    throw new VerbatimError('invalid-input', `The input is not valid JSON: ${json.slice(0, 200)}`)
  }
  const session = await openFor(values.archive, contract[method].mutates ? 'write' : 'read', 'verbatim call')
  try {
    const envelope = await session.call(method, input)
    if (!envelope.ok) throw new VerbatimError(envelope.error.code, envelope.error.message)
    printJson(envelope.result)
  } finally {
    await session.close()
  }
}
