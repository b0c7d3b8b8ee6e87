// Median cost of creating a Checkout Session: through the real SDK over HTTP, and inside the
// emulator alone (the route handler, no network). Run: npx tsx emulator/bench.ts
import { performance } from 'node:perf_hooks';
import Stripe from 'stripe';
import { startEmulator } from './index';

const RUNS = 2000;

const params: Stripe.Checkout.SessionCreateParams = {
  mode: 'payment',
  line_items: [
    {
      quantity: 2,
      price_data: { currency: 'usd', unit_amount: 1250, product_data: { name: 'Enamel mug' } },
    },
    {
      quantity: 1,
      price_data: { currency: 'usd', unit_amount: 3000, product_data: { name: 'Teapot' } },
    },
  ],
  client_reference_id: 'order_42',
  metadata: { order_id: '42' },
  payment_intent_data: { metadata: { order_id: '42' }, capture_method: 'automatic' },
  customer_email: 'ada@example.com',
  success_url: 'http://127.0.0.1:3000/success?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: 'http://127.0.0.1:3000/cart',
};

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const timings: string[] = [];
const emulator = await startEmulator({ port: 0, log: (line) => timings.push(line) });
const stripe = new Stripe('sk_test_bench', {
  host: '127.0.0.1',
  port: emulator.port,
  protocol: 'http',
});

const viaSdk: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  await stripe.checkout.sessions.create(params);
  viaSdk.push(performance.now() - started);
}

// In-process: the same form body straight into the API handler, measured around the handler only.
const body = new URLSearchParams(flatten(params)).toString();
const inProcess: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const response = await fetch(`${emulator.url}/v1/checkout/sessions`, {
    method: 'POST',
    headers: {
      Authorization: 'Bearer sk_test_bench',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body,
  });
  inProcess.push(Number(response.headers.get('x-emulator-handler-ms') ?? NaN));
}
await emulator.stop();

console.log(`sessions created: ${RUNS * 2}`);
console.log(`median via SDK over HTTP: ${median(viaSdk).toFixed(3)} ms`);
console.log(`median inside the emulator (handler only): ${median(inProcess).toFixed(3)} ms`);

function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || typeof value !== 'object') return [[prefix, String(value)]];
  return Object.entries(value).flatMap(([key, item]) =>
    flatten(item, prefix ? `${prefix}[${key}]` : key),
  );
}
