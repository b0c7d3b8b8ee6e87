import { env } from '@/lib/env';

/** Whether the bench routes exist: only when BENCH_ROUTES=true (`npm run bench` sets it). */
export function areBenchRoutesEnabled(): boolean {
  return env().BENCH_ROUTES;
}

/** The bench routes exist only when BENCH_ROUTES=true; otherwise they answer 404 like any unknown path. */
export function benchRoutesDisabled(): Response | null {
  return areBenchRoutesEnabled() ? null : new Response('Not Found', { status: 404 });
}
