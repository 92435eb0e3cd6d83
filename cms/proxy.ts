import { type NextRequest, NextResponse } from 'next/server'
import { adminPolicy } from './http/securityHeaders'

/**
 * Every admin page: a fresh nonce in its Content-Security-Policy (Next.js reads it from the request and puts
 * it on the scripts it renders), and Spanish by default: without an explicit choice (Payload's `payload-lng`
 * cookie, set when a user picks a language in their account) the admin opens in Spanish, whatever the
 * browser's language.
 */
export function proxy(request: NextRequest) {
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

export const config = { matcher: ['/admin/:path*', '/admin'] }
