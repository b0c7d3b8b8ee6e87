// How scripts beside `npm run dev` reach its Stripe emulator, as they reach its embedded Postgres
// (db/embedded.ts reads the server's postmaster.pid): `npm run dev` writes where its emulator
// listens into .data, and a script with no Stripe of its own configured asks that address whether
// it is the emulator before using it. A file left by a dev server that was killed names an address
// that no longer answers, and is ignored.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadEnv } from '@/lib/env';

/** The key `npm run dev` gives the store: the emulator accepts any sk_test_ key. */
export const DEV_EMULATOR_KEY = 'sk_test_shopfrontemulator';

export interface DevEmulator {
  url: string;
  secretKey: string;
  webhookSecret: string;
}

export const DEV_EMULATOR_FILE = path.resolve('.data/dev-emulator.json');

export function announceDevEmulator(emulator: DevEmulator, file = DEV_EMULATOR_FILE): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(emulator), { mode: 0o600 });
}

/** Removes the announcement, unless another dev server has written its own since. */
export function withdrawDevEmulator(url: string, file = DEV_EMULATOR_FILE): void {
  if (readAnnouncement(file)?.url === url) rmSync(file, { force: true });
}

/** The running dev server's emulator, or undefined when none answers at the announced address. */
export async function findDevEmulator(file = DEV_EMULATOR_FILE): Promise<DevEmulator | undefined> {
  const announced = readAnnouncement(file);
  if (!announced) return undefined;
  try {
    const response = await fetch(announced.url, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json()) as { emulator?: string };
    return body.emulator === 'stripe' ? announced : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Points this process at the running dev server's emulator when no Stripe is configured (no
 * STRIPE_SECRET_KEY, no STRIPE_API_BASE) outside production. Call after loadProjectEnv() and
 * before anything reads env(), which parses once. Returns the emulator joined, if any.
 */
export async function joinDevEmulator(file = DEV_EMULATOR_FILE): Promise<DevEmulator | undefined> {
  let config;
  try {
    config = loadEnv();
  } catch (error) {
    if (error instanceof ConfigError) return undefined; // The script reports the problem itself.
    throw error;
  }
  if (config.NODE_ENV === 'production' || config.STRIPE_SECRET_KEY || config.STRIPE_API_BASE)
    return undefined;
  const emulator = await findDevEmulator(file);
  if (!emulator) return undefined;
  process.env.STRIPE_API_BASE = emulator.url;
  process.env.STRIPE_SECRET_KEY = emulator.secretKey;
  if (!config.STRIPE_WEBHOOK_SECRET && emulator.webhookSecret)
    process.env.STRIPE_WEBHOOK_SECRET = emulator.webhookSecret;
  // On stderr, so the output of `npm run stripe -- get ...` stays the JSON alone.
  console.error(`Stripe: the emulator of the running \`npm run dev\` at ${emulator.url}`);
  return emulator;
}

function readAnnouncement(file: string): DevEmulator | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevEmulator>;
    if (typeof value.url !== 'string' || typeof value.secretKey !== 'string') return undefined;
    return { url: value.url, secretKey: value.secretKey, webhookSecret: value.webhookSecret ?? '' };
  } catch {
    return undefined;
  }
}
