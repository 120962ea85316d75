/** The Electron executable if its binary was downloaded, else null (the package alone is not enough). */
export function electronBinary(): string | null
