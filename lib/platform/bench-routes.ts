import { env } from '@/lib/env';

/** The bench routes exist only when BENCH_ROUTES=true; otherwise they answer 404 like any unknown path. */
export function benchRoutesDisabled(): Response | null {
  return env().BENCH_ROUTES ? null : new Response('Not Found', { status: 404 });
}
