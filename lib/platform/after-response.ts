import { after } from 'next/server';

/**
 * Runs `task` once the response has gone out (Next's `after()`, which Vercel keeps alive with
 * waitUntil), so the caller answers without waiting on it. Outside a request (scripts, tests,
 * timers) `after()` throws; there the task runs before this returns. A failing task is logged
 * with `label`: whatever it was doing must be safe to leave to its own retry.
 */
export async function runAfterResponse(label: string, task: () => Promise<unknown>): Promise<void> {
  const guarded = async () => {
    await task().catch((error: unknown) => console.error(`[${label}] failed:`, error));
  };
  try {
    after(guarded);
  } catch {
    await guarded();
  }
}
