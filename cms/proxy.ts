import { type NextRequest, NextResponse } from 'next/server'

/**
 * The office works in Spanish: without an explicit choice (Payload's `payload-lng` cookie, set when a user
 * picks a language in their account) the admin opens in Spanish, whatever the browser's language.
 */
export function proxy(request: NextRequest) {
  if (request.cookies.has('payload-lng')) return NextResponse.next()
  const headers = new Headers(request.headers)
  const cookie = headers.get('cookie')
  headers.set('cookie', cookie ? `${cookie}; payload-lng=es` : 'payload-lng=es')
  const response = NextResponse.next({ request: { headers } })
  response.cookies.set('payload-lng', 'es', { path: '/', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 })
  return response
}

export const config = { matcher: ['/admin/:path*'] }
