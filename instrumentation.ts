// Runs once when the server starts: a bad configuration stops it here, with every variable named,
// instead of failing on the first request that happens to read it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { ConfigError, env } = await import('./lib/env');
  try {
    env();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
