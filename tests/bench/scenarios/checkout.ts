import { products } from '@/db/schema';
import { loadJson } from '../load';
import type { BenchStack } from '../stack';
import { check } from '../verdict';

export interface CheckoutRun {
  connections: number;
  requests: number;
  throughput: number;
  /** Server time from cart to session URL, minus the Stripe call (ms). */
  overheadP50: number;
  overheadP99: number;
  /** The Stripe call alone, as the SDK timed it (ms). */
  stripeP50: number;
  /** What the client saw, end to end (ms). */
  clientP50: number;
}

/** d. Cart → pending order with stock held → Checkout Session URL, at concurrency 1 and 20. */
export async function runCheckoutScenario(stack: BenchStack): Promise<CheckoutRun[]> {
  // Carts spread over a catalogue of stocked products, as real traffic is (one product bought by
  // every customer at once is a flash sale: its row lock serialises the reservations).
  const catalogue = await stack.database.db
    .insert(products)
    .values(
      Array.from({ length: 40 }, (_, i) => ({
        slug: `bench-lamp-${i}`,
        name: `Bench Lamp ${i}`,
        unitAmount: 9900,
        currency: 'usd',
        stock: 10_000_000,
      })),
    )
    .returning({ id: products.id });
  const bodies = catalogue.map((product) => JSON.stringify({ productId: product.id, quantity: 1 }));
  const runs: CheckoutRun[] = [];
  for (const [connections, amount] of [
    [1, 500],
    [20, 3000],
  ] as const) {
    const run = await loadJson<{ totalMs: number; stripeMs: number }>({
      url: `${stack.url}/api/bench/checkout`,
      connections,
      amount,
      bodies,
    });
    check(
      `checkout at concurrency ${connections}: every session created`,
      run.results.length === amount && run.failures === 0,
      `${run.results.length} of ${amount}, ${run.failures} failed`,
    );
    runs.push({
      connections,
      requests: amount,
      throughput: Math.round(amount / run.seconds),
      overheadP50: percentile(
        run.results.map((r) => r.totalMs - r.stripeMs),
        50,
      ),
      overheadP99: percentile(
        run.results.map((r) => r.totalMs - r.stripeMs),
        99,
      ),
      stripeP50: percentile(
        run.results.map((r) => r.stripeMs),
        50,
      ),
      clientP50: percentile(run.latencies, 50),
    });
  }
  return runs;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return Math.round(value * 100) / 100;
}
