import { VerbatimError } from '../errors'
import type { InputOf, MethodName, OutputOf } from './contract'
import type { Envelope } from './envelope'

/** Carries one call to wherever the core runs: IPC, HTTP or a direct function call. */
export type Transport = (method: string, input: unknown) => Promise<Envelope>

export interface ApiClient {
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>
}

/** The one typed client every caller uses: it turns an error envelope back into a VerbatimError. */
export function createClient(transport: Transport): ApiClient {
  return {
    async call(method, input) {
      const envelope = await transport(method, input)
      if (!envelope.ok) throw new VerbatimError(envelope.error.code, envelope.error.message)
      return envelope.result as never
    }
  }
}
