import nextEnv from '@next/env';

/**
 * Loads .env, .env.local, .env.development... exactly as `next dev` will, so a script sees the
 * same configuration as the server it starts or runs beside. Call before reading `env()`.
 */
export function loadProjectEnv(mode: 'development' | 'production' = 'development'): void {
  nextEnv.loadEnvConfig(process.cwd(), mode === 'development', {
    info: () => {},
    error: console.error,
  });
}
