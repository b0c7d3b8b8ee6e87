import { env } from '@/lib/env';
import { syncBalanceSoon } from '@/lib/balance/sync';
import { drainSoon } from './inbox';

/** How often a long-lived server looks for events no response's `after()` applied. */
export const INBOX_POLL_MS = 1000;

const holder = globalThis as typeof globalThis & { shopfrontInboxWorker?: NodeJS.Timeout };

/**
 * The inbox's worker loop, for servers that stay up (`npm start`, `next dev`): drains once at
 * start-up (events an instance recorded and did not live to apply) and then every INBOX_POLL_MS,
 * each time followed by the balance sync when one is due (lib/balance/sync.ts).
 * Each delivery's own `after()` drain applies its event at once; this loop is what applies the
 * events of an instance that died between its 2xx and its drain. On Vercel, where a function lives
 * only for its requests, `after()` and the reconcile cron do that instead. The build starts none.
 */
export function startInboxWorker(): void {
  const config = env();
  if (holder.shopfrontInboxWorker || config.VERCEL === '1') return;
  if (config.NEXT_PHASE === 'phase-production-build' || !config.DATABASE_URL) return;
  const tick = () => void drainSoon().then(() => syncBalanceSoon());
  tick();
  holder.shopfrontInboxWorker = setInterval(tick, INBOX_POLL_MS);
  // Never what keeps the process alive: it stops with the server.
  holder.shopfrontInboxWorker.unref();
}
