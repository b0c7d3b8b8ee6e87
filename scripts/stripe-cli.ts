// npm run stripe -- <command>: the official Stripe CLI (@stripe/cli), pointed at the Stripe this
// project is configured for. Beside `npm run dev` that is its emulator, so `npm run stripe --
// trigger checkout.session.completed` needs no key and no internet; with STRIPE_API_BASE or
// STRIPE_SECRET_KEY set, those; otherwise the CLI's own login (`stripe login`).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { env } from '@/lib/env';
import { joinDevEmulator } from './dev-emulator';
import { loadProjectEnv } from './project-env';

loadProjectEnv();
await joinDevEmulator();
const config = env();
const target = [
  ...(config.STRIPE_SECRET_KEY ? ['--api-key', config.STRIPE_SECRET_KEY] : []),
  ...(config.STRIPE_API_BASE ? ['--api-base', config.STRIPE_API_BASE] : []),
];
const shim = createRequire(import.meta.url).resolve('@stripe/cli/bin/shim.js');
const result = spawnSync(process.execPath, [shim, ...process.argv.slice(2), ...target], {
  stdio: 'inherit',
  env: {
    ...process.env,
    // An emulator is local: nothing for the CLI to report to Stripe about it.
    ...(config.STRIPE_API_BASE && { STRIPE_CLI_TELEMETRY_OPTOUT: '1' }),
  },
});
process.exit(result.status ?? 1);
