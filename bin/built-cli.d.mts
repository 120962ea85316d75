export const PROJECT: string
/** The built CLI's entry URL when it is there and up to date, else null, with the reason. */
export function builtCli(root?: string): { entry: string | null; reason: string }
