import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

const DEV_SECRET_FILE = path.resolve('.data/auth-secret');

/**
 * The key that signs admin sessions. Production requires AUTH_SECRET (lib/env.ts refuses to start
 * without it); in development one is generated once and kept in .data/, so sessions survive
 * restarts without anyone having to configure a secret.
 */
export function authSecret(): string {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  if (env().NODE_ENV === 'production') throw new Error('AUTH_SECRET is required in production');
  try {
    return readFileSync(DEV_SECRET_FILE, 'utf8').trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    mkdirSync(path.dirname(DEV_SECRET_FILE), { recursive: true });
    // 'wx' so two processes starting at once cannot overwrite each other's secret.
    try {
      writeFileSync(DEV_SECRET_FILE, secret, { flag: 'wx', mode: 0o600 });
      return secret;
    } catch {
      return readFileSync(DEV_SECRET_FILE, 'utf8').trim();
    }
  }
}
