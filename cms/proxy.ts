import { type NextRequest, NextResponse } from 'next/server'
import { adminPolicy } from './http/securityHeaders'

/**
 * Every admin page: a fresh nonce in its Content-Security-Policy (Next.js reads it from the request and puts
 * it on the scripts it renders), and Spanish by default: without an explicit choice (Payload's `payload-lng`
 * cookie, set when a user picks a language in their account) the admin opens in Spanish, whatever the
 * browser's language.
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith('/api/')) return restoreAsWorkingCopy(request)
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
  const policy = adminPolicy(nonce, { development: process.env.NODE_ENV === 'development' })
  const headers = new Headers(request.headers)
  headers.set('Content-Security-Policy', policy)
  const chosen = request.cookies.has('payload-lng')
  if (!chosen) {
    const cookie = headers.get('cookie')
    headers.set('cookie', cookie ? `${cookie}; payload-lng=es` : 'payload-lng=es')
  }
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('Content-Security-Policy', policy)
  if (!chosen) response.cookies.set('payload-lng', 'es', { path: '/', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 })
  return response
}

/**
 * Payload's «Restaurar esta versión» posts `?draft=false`, which would write the restored text straight to the
 * public document (the workflow hooks refuse it). Restoring an item under the workflow always makes the version
 * its working copy, which then goes through review and approval like any edit.
 */
function restoreAsWorkingCopy(request: NextRequest) {
  const url = request.nextUrl.clone()
  if (request.method !== 'POST' || url.searchParams.get('draft') === 'true') return NextResponse.next()
  url.searchParams.set('draft', 'true')
  return NextResponse.rewrite(url)
}

// Next.js reads the matcher statically: the workflow collections (workflow/workflowCollections.ts) written out.
export const config = { matcher: ['/admin/:path*', '/admin', '/api/bulletins/versions/:id', '/api/programs/versions/:id'] }
