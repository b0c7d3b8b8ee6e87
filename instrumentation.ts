// Runs once when the server starts. A bad configuration stops it here, with every variable named,
// instead of failing on the first request that happens to read it.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { exitOnBadConfiguration } = await import('./lib/startup');
    exitOnBadConfiguration();
  }
}
