export const ALWAYS_EXTERNAL: string[]
export interface CliManifest {
  builtAt: number
  node: string
  inputs: string[]
  external: string[]
}
export function buildCli(options?: { outdir?: string; quiet?: boolean }): Promise<{
  manifest: CliManifest
  outputs: Record<string, { bytes: number; inputs: Record<string, unknown>; imports: { path: string; kind: string; external?: boolean }[] }>
}>
