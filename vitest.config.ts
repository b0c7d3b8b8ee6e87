import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@': fileURLToPath(new URL('.', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // proxy.ts imports next-auth, which imports 'next/server' without an extension.
          server: { deps: { inline: ['next-auth'] } },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // One Postgres database per run, created by the global setup (embedded, or DATABASE_URL's server).
          globalSetup: ['tests/integration/global-setup.ts'],
          setupFiles: ['tests/integration/setup.ts'],
          // next-auth imports 'next/server' without an extension, which only a bundler resolves.
          server: { deps: { inline: ['next-auth'] } },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Test files share the run's database; each file uses its own rows, so files may run in parallel.
          fileParallelism: true,
        },
      },
    ],
  },
});
