// The store's payment path end to end, without a browser: the Stripe emulator (through the real
// stripe SDK), webhooks forwarded to the real route handler, orders placed with startCheckout and
// paid by posting the emulator's hosted card form, as a customer's browser would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import Stripe from 'stripe';
import { expect } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { db } from '@/db/client';
import { emailOutbox, orderEvents, orders, refunds, type Order } from '@/db/schema';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { startCheckout } from '@/lib/checkout/start';
import { postCardForm } from './hosted-page';
import { createProducts } from './catalogue-fixtures';

export const CARDS = {
  visa: '4242424242424242',
  dispute: '4000000000000259',
  pendingRefund: '4000000000007726',
  failingRefund: '4000000000005126',
} as const;

export interface PaymentsHarness {
  emulator: RunningEmulator;
  sdk: Stripe;
  /** Calls the emulator's control API (/_emulator/...), failing the test on an error answer. */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Resolves once the emulator has no webhook delivery still pending (each answered or given up). */
  deliveriesSettled(): Promise<void>;
  /** Stops the emulator and starts it again on the same port from its state file (`stateFile`). */
  restartEmulator(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the emulator with a webhook endpoint that hands each delivery, raw body and signature, to
 * the store's webhook route, and configures the app for it. Call in beforeAll, before anything
 * reads the configuration (env() parses once per process).
 */
export async function startPaymentsHarness(
  options: {
    captureMethod?: 'automatic' | 'manual';
    retryScheduleMs?: number[];
    /** Where the emulator saves its state, as `npm run dev` does (.data/emulator.json). */
    stateFile?: string;
  } = {},
): Promise<PaymentsHarness> {
  const forwarder: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = new Request('http://store.test/api/webhooks/stripe', {
        method: 'POST',
        headers: { 'stripe-signature': String(req.headers['stripe-signature'] ?? '') },
        body: Buffer.concat(chunks).toString('utf8'),
      });
      POST(request).then(
        async (response) => res.writeHead(response.status).end(await response.text()),
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => forwarder.listen(0, '127.0.0.1', resolve));
  const { port } = forwarder.address() as AddressInfo;
  const emulatorOptions = {
    webhookUrl: `http://127.0.0.1:${port}/api/webhooks/stripe`,
    retryScheduleMs: options.retryScheduleMs ?? [50, 100, 200],
    stateFile: options.stateFile,
  };
  let emulator = await startEmulator({ ...emulatorOptions, port: 0 });
  process.env.STRIPE_API_BASE = emulator.url;
  process.env.STRIPE_SECRET_KEY = 'sk_test_paymentstests';
  process.env.STRIPE_WEBHOOK_SECRET = emulator.webhookSecret;
  process.env.APP_URL = 'http://127.0.0.1:3000';
  process.env.CHECKOUT_CAPTURE_METHOD = options.captureMethod ?? 'automatic';
  const sdk = new Stripe('sk_test_paymentstests', {
    host: '127.0.0.1',
    port: emulator.port,
    protocol: 'http',
  });
  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${emulator.url}/_emulator${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`control ${method} ${path}: ${JSON.stringify(json)}`);
    return json;
  }
  return {
    get emulator() {
      return emulator;
    },
    sdk,
    control,
    async deliveriesSettled() {
      await eventually(async () => {
        const { data } = await control<{ data: Array<{ status: string }> }>('GET', '/deliveries');
        return data.every((delivery) => delivery.status !== 'pending');
      }, 'webhook deliveries to settle');
    },
    async restartEmulator() {
      const { port: emulatorPort, webhookSecret } = emulator;
      await emulator.stop();
      emulator = await startEmulator({ ...emulatorOptions, port: emulatorPort, webhookSecret });
    },
    async stop() {
      await emulator.stop();
      await new Promise<void>((resolve) => forwarder.close(() => resolve()));
      await db().$client.end();
    },
  };
}

export interface PlacedOrder {
  orderId: string;
  sessionId: string;
  url: string;
  productId: string;
}

/** A pending order for `quantity` of a new product (unique slug) priced `unitAmount`, stock 10. */
export async function placeOrder(
  options: { unitAmount?: number; quantity?: number; email?: string } = {},
): Promise<PlacedOrder> {
  const [product] = await createProducts([
    { name: 'Stoneware bowl', unitAmount: options.unitAmount ?? 2500, stock: 10 },
  ]);
  const result = await startCheckout({
    cart: { lines: [{ productId: product!.id, quantity: options.quantity ?? 2 }] },
    email: options.email ?? null,
  });
  if (result.kind !== 'redirect') throw new Error(`checkout refused: ${JSON.stringify(result)}`);
  return { ...result, productId: product!.id };
}

/** Posts the hosted page's card form; the emulator answers 303 to success_url once paid. */
export async function payOnHostedPage(url: string, card: string = CARDS.visa): Promise<void> {
  const response = await postCardForm(url, card);
  expect(response.status, await response.text()).toBe(303);
}

/** An order placed and paid with `card`, once the store has recorded it as `status`. */
export async function paidOrder(
  card: string,
  status: Order['status'],
  options: Parameters<typeof placeOrder>[0] = {},
): Promise<PlacedOrder & { order: Order }> {
  const placed = await placeOrder(options);
  await payOnHostedPage(placed.url, card);
  const order = await waitForOrder(placed.orderId, (o) => o.status === status, status);
  return { ...placed, order };
}

/** Polls the database until the order satisfies `done` (webhooks arrive when they arrive). */
export async function waitForOrder(
  orderId: string,
  done: (order: Order) => boolean,
  what: string,
): Promise<Order> {
  let last: Order | undefined;
  for (let i = 0; i < 600; i++) {
    [last] = await db().select().from(orders).where(eq(orders.id, orderId));
    if (last && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`order ${orderId} never became ${what}; last seen ${JSON.stringify(last)}`);
}

/** Polls until `read` returns something truthy. */
export async function eventually<T>(
  read: () => Promise<T | undefined | null | false>,
  what: string,
) {
  for (let i = 0; i < 600; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function timelineOf(orderId: string) {
  return db()
    .select()
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.id));
}

/** The order's status changes after it was placed, each with who or what caused it. */
export async function transitionsOf(orderId: string) {
  const rows = await db()
    .select()
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), isNotNull(orderEvents.fromStatus)))
    .orderBy(asc(orderEvents.id));
  return rows.filter((row) => row.fromStatus !== row.toStatus);
}

export function refundsOf(orderId: string) {
  return db()
    .select()
    .from(refunds)
    .where(eq(refunds.orderId, orderId))
    .orderBy(asc(refunds.createdAt));
}

export function outboxOf(orderId: string) {
  return db()
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.orderId, orderId))
    .orderBy(asc(emailOutbox.id));
}
