import { z } from 'zod';

/** The shapes of lib/env.ts's settings: each refuses a bad value with a message that shows a good one. */

export const ISO_CURRENCIES = new Set(
  Intl.supportedValuesOf('currency').map((code) => code.toLowerCase()),
);

export const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

export const postgresUrl = z
  .string()
  .refine(
    isPostgresUrl,
    'must be a postgres:// URL such as postgres://user:password@host:5432/shopfront',
  );

export const portNumber = (fallback: number) => {
  const message = `must be a port number such as ${fallback}`;
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(1, message)
    .max(65535, message)
    .default(fallback);
};

export const itemCount = (fallback: number) => {
  const message = `must be a whole number of items such as ${fallback}`;
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(1, 'must be at least 1')
    .max(100_000, 'must be at most 100000')
    .default(fallback);
};

export const httpUrl = (example: string) =>
  z.string().refine(isHttpUrl, `must be an http(s) URL such as ${example}`);

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
