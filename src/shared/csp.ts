/**
 * The one Content-Security-Policy: sent as a header by the browser host and written into the
 * renderer's index.html at build time for the Electron window. Nothing inline, nothing remote.
 */
const directives = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
]

export const CONTENT_SECURITY_POLICY = directives.join('; ')

/** A <meta> policy may not carry frame-ancestors (browsers ignore it there and say so). */
export const CONTENT_SECURITY_POLICY_META = directives.filter((d) => !d.startsWith('frame-ancestors')).join('; ')
