import { existsSync } from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';

// Playwright's own Chromium if installed, else CHROMIUM_PATH, else Debian's /usr/bin/chromium.
function findChromium(): string | undefined {
  const candidates = [safeBundledPath(), process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  const found = candidates.find((path): path is string => Boolean(path && existsSync(path)));
  if (!found) {
    throw new Error(
      'No Chromium found: set CHROMIUM_PATH, or install one with `sudo apt-get install -y chromium` (Debian/Ubuntu).',
    );
  }
  return found;
}

function safeBundledPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export default defineConfig({
  testDir: 'tests/e2e',
  // Builds the store for production, starts Postgres, the emulator and `next start` on free ports.
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: findChromium(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
