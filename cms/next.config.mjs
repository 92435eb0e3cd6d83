import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The office's own server: no telemetry, no external image optimisation.
  images: { unoptimized: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
