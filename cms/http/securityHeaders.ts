/**
 * Response headers of everything the CMS serves: the admin, the API, media files and the unsubscribe page.
 * The admin's policy carries a per-request nonce (cms/proxy.ts): Next.js puts it on its own scripts, so no
 * inline or injected script runs, and nothing needs `unsafe-eval`. HSTS is the reverse proxy's job
 * (docs/operations.md): it knows whether the site is served over https.
 */

/** Headers every answer carries. */
export const COMMON_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // For browsers that predate `frame-ancestors`: the admin is never shown inside another site (clickjacking).
  { key: 'X-Frame-Options', value: 'DENY' },
  // Unsubscribe links carry a token: no address leaves for another site.
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
]

const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => (value ? `${name} ${value}` : name))
    .join('; ')

/**
 * API answers (JSON), media files and the unsubscribe page (plain HTML with an inline style and a form that
 * posts to itself): nothing to run, nothing to embed elsewhere.
 */
export const API_POLICY = policy({
  'default-src': "'none'",
  'img-src': "'self' data:",
  'style-src': "'unsafe-inline'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
  'base-uri': "'none'",
})

/** The admin (Payload's Next.js app): its own scripts by nonce; styles inline (Payload sets them at run time). */
export function adminPolicy(nonce: string, { development = false } = {}): string {
  return policy({
    'default-src': "'self'",
    // React's development build evaluates code; production never does.
    'script-src': `'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    'style-src': "'self' 'unsafe-inline'",
    'img-src': "'self' data: blob:",
    'font-src': "'self' data:",
    'connect-src': "'self'",
    'media-src': "'self' blob:",
    'worker-src': "'self' blob:",
    'object-src': "'none'",
    'base-uri': "'self'",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
  })
}
