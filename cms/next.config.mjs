import { withPayload } from '@payloadcms/next/withPayload'
import { API_POLICY, COMMON_HEADERS } from './http/securityHeaders.ts'

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The office's own server: no telemetry, no external image optimisation.
  images: { unoptimized: true },
  // The press email renderer (mjml, for the admin's preview) loads its components at run time: not bundled.
  serverExternalPackages: ['mjml', 'sanitize-html'],
  // The admin's policy carries a nonce per request: cms/proxy.ts sets it.
  headers: async () => [
    { source: '/:path*', headers: [...COMMON_HEADERS] },
    { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_POLICY }] },
  ],
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
