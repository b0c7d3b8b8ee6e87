// The official Stripe CLI (@stripe/cli) against the emulator: `stripe trigger <event>` runs the
// CLI's own fixtures (products, prices, Checkout Sessions paid through the payment page API,
// PaymentIntents, refunds, disputes, subscriptions, invoices), and the events they cause are
// delivered to the store's webhook route like any other, where each is recorded and applied.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { orders, stripeEvents, subscriptions } from '@/db/schema';
import { HANDLED_EVENT_TYPES } from '@/lib/webhooks/dispatch';
import {
  CARDS,
  paidOrder,
  placeOrder,
  startPaymentsHarness,
  waitForOrder,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';

const run = promisify(execFile);
const cli = createRequire(import.meta.url).resolve('@stripe/cli/bin/shim.js');
const home = mkdtempSync(path.join(tmpdir(), 'stripe-cli-home-'));
let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness();
});
afterAll(async () => {
  await harness.stop();
  rmSync(home, { recursive: true, force: true });
});

/** `stripe trigger <event> [flags]` against the emulator, as the README shows. */
async function trigger(event: string, flags: string[] = []): Promise<string> {
  const { stdout, stderr } = await run(
    process.execPath,
    [
      cli,
      'trigger',
      event,
      ...flags,
      '--api-key',
      'sk_test_paymentstests',
      '--api-base',
      harness.emulator.url,
    ],
    {
      // Its own config folder, and no telemetry: the CLI otherwise tries to phone home.
      env: {
        ...process.env,
        HOME: home,
        STRIPE_CLI_TELEMETRY_OPTOUT: '1',
        // It would win over --api-key.
        STRIPE_API_KEY: '',
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return stdout + stderr;
}

/** The events the emulator created since `since` (ids), oldest first. */
async function eventsSince(since: string | undefined): Promise<Stripe.Event[]> {
  const events: Stripe.Event[] = [];
  for await (const event of harness.sdk.events.list({
    limit: 100,
    ...(since && { ending_before: since }),
  }))
    events.push(event);
  return events.reverse();
}

/** Runs the trigger, settles what follows, and returns the events it caused with the store's outcome for each. */
async function triggerAndApply(
  event: string,
  flags: string[] = [],
): Promise<Array<{ type: string; outcome: string | null | undefined }>> {
  const before = (await harness.sdk.events.list({ limit: 1 })).data[0]?.id;
  const output = await trigger(event, flags);
  expect(output).toContain('Trigger succeeded!');
  // A SEPA debit's outcome comes days later: the control API has the bank answer now.
  if (event.startsWith('checkout.session.async_payment'))
    await harness.control('POST', '/debits/settle');
  await harness.deliveriesSettled();
  const created = await eventsSince(before);
  expect(created.map((e) => e.type)).toContain(event);
  const handled = created.filter((e) => (HANDLED_EVENT_TYPES as string[]).includes(e.type));
  const rows = await db()
    .select()
    .from(stripeEvents)
    .where(
      inArray(
        stripeEvents.id,
        handled.map((e) => e.id),
      ),
    );
  const outcomes = new Map(rows.map((row) => [row.id, row.result]));
  return handled.map((e) => ({ type: e.type, outcome: outcomes.get(e.id) }));
}

async function orderRow(id: string) {
  const [order] = await db().select().from(orders).where(eq(orders.id, id));
  return order!;
}

describe('stripe trigger against the emulator, delivered to the store', () => {
  // The CLI's own Checkout Sessions are no order of the store's: each event is recorded and
  // ignored for that reason, never retried forever.
  it.each([
    'checkout.session.completed',
    'checkout.session.async_payment_succeeded',
    'checkout.session.async_payment_failed',
    'checkout.session.expired',
  ])('%s: recorded, and ignored as no order’s session', async (event) => {
    const applied = await triggerAndApply(event);
    const session = applied.find((e) => e.type === event);
    expect(session?.outcome).toMatch(/^ignored: no order for session cs_test_/);
    for (const { type, outcome } of applied)
      expect(outcome, type).toMatch(/^(processed|ignored): /);
  });

  // PaymentIntents the CLI makes for one of the store's orders (`--add
  // payment_intent:metadata.order_id=...`, the metadata Checkout gives every order's payment)
  // move that order as Checkout's would. A capture reaching an order still pending (its
  // authorisation or checkout not applied yet) waits in the inbox: the CLI's succeeded payment
  // never gets its session completed, so it is still waiting when the test looks; the manual
  // capture's charge.captured waits for its authorisation, whatever order they are delivered in.
  it.each([
    ['payment_intent.succeeded', 'pending'],
    ['payment_intent.canceled', 'canceled'],
    ['payment_intent.amount_capturable_updated', 'authorized'],
    ['payment_intent.payment_failed', 'pending'],
    ['charge.captured', 'paid'],
  ] as const)('%s: applied to the order the payment names (%s)', async (event, status) => {
    const placed = await placeOrder();

    const applied = await triggerAndApply(event, [
      '--add',
      `payment_intent:metadata.order_id=${placed.orderId}`,
    ]);

    for (const { type, outcome } of applied)
      expect(outcome, type).toMatch(
        type === 'payment_intent.succeeded' && status === 'pending'
          ? /^waiting for payment pi_\w+: order \d+ is still pending/
          : /^(processed|ignored): /,
      );
    expect((await orderRow(placed.orderId)).status).toBe(status);
  });

  it('charge.refunded for a paid order’s payment (--override refund:payment_intent=...): refunded', async () => {
    const { orderId, order } = await paidOrder(CARDS.visa, 'paid');

    const applied = await triggerAndApply('charge.refunded', [
      '--skip',
      'payment_intent',
      '--override',
      `refund:payment_intent=${order.stripePaymentIntentId}`,
    ]);

    expect(applied.map(({ type, outcome }) => [type, outcome?.split(':')[0]])).toEqual(
      expect.arrayContaining([
        ['charge.refunded', 'processed'],
        ['refund.created', 'processed'],
      ]),
    );
    expect(await orderRow(orderId)).toMatchObject({
      status: 'refunded',
      amountRefunded: order.amountTotal,
    });
  });

  it('charge.dispute.closed for a disputed order (--override disputes_list:payment_intent=...): lost', async () => {
    const { orderId, order } = await paidOrder(CARDS.dispute, 'paid');
    await waitForOrder(orderId, (o) => o.disputeStatus === 'needs_response', 'disputed');

    const applied = await triggerAndApply('charge.dispute.closed', [
      '--skip',
      'payment_intent',
      '--override',
      `disputes_list:payment_intent=${order.stripePaymentIntentId}`,
    ]);

    expect(applied.find((e) => e.type === 'charge.dispute.closed')?.outcome).toMatch(
      /^processed: /,
    );
    expect((await orderRow(orderId)).disputeStatus).toBe('lost');
  });

  // The fixture's own payment opens the inquiry. A dispute names only its payment, which no order
  // holds: the store answers 200 and the event waits in the inbox, for an hour, in case the
  // order's session event is still on its way; everything else is recorded and applied.
  it('charge.dispute.created on the CLI’s own payment: waits in the inbox as a payment not known yet', async () => {
    const applied = await triggerAndApply('charge.dispute.created');

    const dispute = applied.find((e) => e.type === 'charge.dispute.created');
    expect(dispute?.outcome).toMatch(/^waiting for payment pi_\w+: no order holds it yet/);
    for (const { type, outcome } of applied.filter((e) => e !== dispute))
      expect(outcome, type).toMatch(/^(processed|ignored): /);
    const { data } = await harness.control<{
      data: Array<{ eventType: string; attempts: Array<{ status: number | null }> }>;
    }>('GET', '/deliveries');
    const attempts = data
      .filter((delivery) => delivery.eventType === 'charge.dispute.created')
      .at(-1)?.attempts;
    expect(attempts?.map((attempt) => attempt.status)).toEqual([200]);
  });

  it.each([
    'customer.subscription.created',
    'customer.subscription.updated',
    'customer.subscription.deleted',
  ])('%s: the subscription is mirrored', async (event) => {
    const applied = await triggerAndApply(event);
    const mirrored = applied.find((e) => e.type === event);
    expect(mirrored?.outcome).toMatch(/^processed: subscription sub_/);
    const id = /subscription (sub_\w+)/.exec(String(mirrored?.outcome))?.[1] ?? '';
    const [row] = await db()
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.stripeSubscriptionId, id));
    expect(row?.status).toBe(event.endsWith('deleted') ? 'canceled' : 'active');
  });

  // The CLI's invoices are one-off (invoice items, no subscription): recorded and ignored.
  it.each(['invoice.paid', 'invoice.payment_failed'])(
    '%s: recorded, and ignored as billing no subscription',
    async (event) => {
      const applied = await triggerAndApply(event);
      expect(applied.find((e) => e.type === event)?.outcome).toMatch(
        /^ignored: invoice in_\w+ bills no subscription$/,
      );
    },
  );
});
