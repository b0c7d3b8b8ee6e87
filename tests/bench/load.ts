import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  /** Requests per second over the whole run. */
  throughput: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** When the first request went out (epoch ms). */
  startedAt: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Exactly this many requests (bodies[i % bodies.length] each), or run for `durationSeconds`. */
  amount?: number;
  durationSeconds?: number;
  method?: 'GET' | 'POST';
  bodies?: Array<{ body: string; headers: Record<string, string> }>;
}

/** One autocannon run: throughput and latency percentiles (ms). */
export async function load(options: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const bodies = options.bodies;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
    method: options.method ?? 'GET',
    ...(bodies && {
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const item = bodies[next++ % bodies.length]!;
            return {
              ...request,
              body: item.body,
              headers: { ...request.headers, ...item.headers },
            };
          },
        },
      ],
    }),
  });
  // result.duration is rounded to whole seconds; the run's own clock is exact.
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    requests: result.requests.total,
    throughput: Math.round(result.requests.total / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    startedAt: result.start.getTime(),
  };
}

/**
 * `amount` POSTs of `body` from `connections` concurrent workers, each reading the JSON the server
 * answers (for timings it reports). For scenarios whose response bodies matter.
 */
export async function loadJson<T>(options: {
  url: string;
  connections: number;
  amount: number;
  /** Request bodies, used in turn. */
  bodies: string[];
}): Promise<{ results: T[]; failures: number; seconds: number; latencies: number[] }> {
  const results: T[] = [];
  const latencies: number[] = [];
  let failures = 0;
  let started = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (started < options.amount) {
        const body = options.bodies[started % options.bodies.length]!;
        started += 1;
        const sent = performance.now();
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const text = await response.text();
        latencies.push(performance.now() - sent);
        if (response.ok) results.push(JSON.parse(text) as T);
        else {
          failures += 1;
          if (failures <= 3)
            console.error(`  ${options.url} answered ${response.status}: ${text.slice(0, 300)}`);
        }
      }
    }),
  );
  return { results, failures, seconds: (performance.now() - begin) / 1000, latencies };
}
