// Runs once when the server starts. A bad configuration stops it here, with every variable named,
// instead of failing on the first request that happens to read it. Then every request's
// connection address is recorded for lib/platform/client-address.ts (Next gives route code no socket),
// and the webhook inbox's worker loop starts (lib/webhooks/worker.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { exitOnBadConfiguration } = await import('@/lib/platform/startup');
    exitOnBadConfiguration();
    const { recordConnectionAddresses } = await import('@/lib/platform/client-address');
    recordConnectionAddresses();
    const { startInboxWorker } = await import('@/lib/webhooks/worker');
    startInboxWorker();
  }
}
