import { ConfigError, env } from '@/lib/env';

/** Validates the configuration at server start; on a ConfigError prints it and exits with 1. */
export function exitOnBadConfiguration(): void {
  try {
    env();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
