import { parseArgs, type ParseArgsConfig } from 'node:util'
import { VerbatimError } from '../shared/errors'

/** node:util's parser, with its errors turned into a usage message instead of a stack. */
export function parse<const T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true as const, strict: true as const })
  } catch (e) {
    throw new VerbatimError('invalid-input', `${(e as Error).message}. Run \`verbatim help\` for usage.`)
  }
}

export const archiveOption = { archive: { type: 'string' }, json: { type: 'boolean' } } as const
