import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLog, stripeEvents } from '@/db/schema';
import { refundOrder } from '@/lib/orders/payment-operations';
import {
  CARDS,
  eventually,
  outboxOf,
  paidOrder,
  placeOrder,
  refundsOf,
  startPaymentsHarness,
  timelineOf,
  waitForOrder,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';

const ADMIN = { email: 'admin@shopfront.test', ip: '203.0.113.5' };
const reason = 'requested_by_customer' as const;
// An admin's refund moves the order in refundOrder's transaction, unless the refund's own webhook
// got there first: either way exactly once, with the admin or the Stripe event as its cause.
const BY_ADMIN = expect.stringMatching(
  /^(admin@shopfront\.test|stripe event)$/,
) as unknown as string;
let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness();
});
afterAll(() => harness.stop());

/** The order's refund changes: amount and status moves, each once, with its cause. */
async function refundHistory(orderId: string) {
  await harness.deliveriesSettled();
  return (await timelineOf(orderId))
    .filter((row) => row.kind === 'refund_updated' || row.kind === 'refund_failed')
    .map((row) => ({
      move: `${row.fromStatus}→${row.toStatus}`,
      by: row.stripeEventId ? 'stripe event' : row.actor,
    }));
}

async function stripeRefundsOf(paymentIntent: string) {
  return (await harness.sdk.refunds.list({ payment_intent: paymentIntent })).data;
}

describe('refunds from /admin', () => {
  it('two partial refunds then the rest leave the order refunded with exactly its total refunded', async () => {
    const { order } = await paidOrder(CARDS.visa, 'paid', { unitAmount: 2500 });

    expect(await refundOrder(order.id, { amount: 1000, reason, actor: ADMIN })).toEqual({
      ok: true,
      message: `Refunded $10.00 of order ${order.number}.`,
    });
    const partly = await waitForOrder(order.id, (o) => o.amountRefunded === 1000, '1000 refunded');
    expect(partly.status).toBe('partially_refunded');
    expect((await refundOrder(order.id, { amount: 1500, reason, actor: ADMIN })).ok).toBe(true);
    expect((await refundOrder(order.id, { reason, actor: ADMIN })).message).toBe(
      `Refunded $25.00 of order ${order.number}.`,
    );

    const refunded = await waitForOrder(order.id, (o) => o.status === 'refunded', 'refunded');
    expect(refunded.amountRefunded).toBe(5000);
    const ledger = await refundsOf(order.id);
    expect(ledger.map((row) => [row.amount, row.status, row.actor]).sort()).toEqual([
      [1000, 'succeeded', ADMIN.email],
      [1500, 'succeeded', ADMIN.email],
      [2500, 'succeeded', ADMIN.email],
    ]);
    expect((await stripeRefundsOf(order.stripePaymentIntentId!)).length).toBe(3);
    // Each request is in the audit log with the admin and the address it came from.
    const audit = await db()
      .select({ actor: auditLog.actor, ip: auditLog.ip })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, order.id), eq(auditLog.action, 'order.refund')));
    expect(audit).toEqual(Array(3).fill({ actor: ADMIN.email, ip: ADMIN.ip }));
    const history = await refundHistory(order.id);
    expect(history.map((row) => row.move)).toEqual([
      'paid→partially_refunded',
      'partially_refunded→partially_refunded',
      'partially_refunded→refunded',
    ]);
    const emails = (await outboxOf(order.id)).map((email) => email.kind);
    expect(emails.filter((kind) => kind.startsWith('refund_confirmation:'))).toHaveLength(3);
    expect(emails.filter((kind) => kind === 'order_confirmation')).toHaveLength(1);
  });

  it('rejects a refund of more than is left, clearly, without asking Stripe', async () => {
    const { order } = await paidOrder(CARDS.visa, 'paid', { unitAmount: 2500 });
    await refundOrder(order.id, { amount: 4000, reason, actor: ADMIN });

    const result = await refundOrder(order.id, { amount: 1001, reason, actor: ADMIN });

    expect(result).toEqual({
      ok: false,
      message: `Cannot refund $10.01: only $10.00 of order ${order.number} is left to refund.`,
    });
    expect((await stripeRefundsOf(order.stripePaymentIntentId!)).length).toBe(1);
  });

  it('refuses to refund an order that was never paid', async () => {
    const { orderId } = await placeOrder();
    const result = await refundOrder(orderId, { reason, actor: ADMIN });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/is pending: only paid orders can be refunded/);
  });

  it('a double click refunds once: concurrent requests share one idempotency key', async () => {
    const { order } = await paidOrder(CARDS.visa, 'paid');

    const results = await Promise.all([
      refundOrder(order.id, { amount: 700, reason, actor: ADMIN }),
      refundOrder(order.id, { amount: 700, reason, actor: ADMIN }),
    ]);

    expect(results.every((result) => result.ok)).toBe(true);
    expect((await stripeRefundsOf(order.stripePaymentIntentId!)).length).toBe(1);
    await harness.deliveriesSettled();
    const settled = await waitForOrder(order.id, (o) => o.amountRefunded === 700, '700 refunded');
    expect(settled.status).toBe('partially_refunded');
    expect(await refundHistory(order.id)).toHaveLength(1);
    const requests = (await timelineOf(order.id)).filter((row) => row.kind === 'refund_requested');
    expect(requests).toHaveLength(1);
  });

  it('the same request sent again later (same requestId) refunds once', async () => {
    const { order } = await paidOrder(CARDS.visa, 'paid');
    const request = { amount: 500, reason, actor: ADMIN, requestId: 'form-1' };

    await refundOrder(order.id, request);
    await refundOrder(order.id, request);

    expect((await stripeRefundsOf(order.stripePaymentIntentId!)).length).toBe(1);
    expect((await waitForOrder(order.id, () => true, 'read')).amountRefunded).toBe(500);
  });
});

describe('refunds made in Stripe’s Dashboard', () => {
  it('arrive by webhook: the ledger, the order and the customer’s email follow', async () => {
    const { order } = await paidOrder(CARDS.visa, 'paid', { unitAmount: 2500 });

    const refund = await harness.sdk.refunds.create({
      payment_intent: order.stripePaymentIntentId!,
      amount: 1200,
    });

    const partly = await waitForOrder(order.id, (o) => o.amountRefunded === 1200, 'refunded');
    expect(partly.status).toBe('partially_refunded');
    // charge.refunded, refund.created and refund.updated are separate deliveries: the ledger row
    // and the confirmation may land a moment after the order's amount.
    await eventually(
      async () =>
        (await refundsOf(order.id))[0]?.status === 'succeeded' &&
        (await outboxOf(order.id)).some((email) => email.kind.startsWith('refund_confirmation:')),
      'the refund ledger and its confirmation',
    );
    expect(await refundsOf(order.id)).toMatchObject([
      { stripeRefundId: refund.id, amount: 1200, status: 'succeeded', actor: 'stripe' },
    ]);
    expect(await refundHistory(order.id)).toEqual([
      { move: 'paid→partially_refunded', by: 'stripe event' },
    ]);
    expect((await outboxOf(order.id)).map((email) => email.kind)).toContain(
      `refund_confirmation:${refund.id}`,
    );
  });
});

describe('refunds that settle later', () => {
  it('a pending refund (card 7726) counts at once and is confirmed to the customer when it succeeds', async () => {
    const { order } = await paidOrder(CARDS.pendingRefund, 'paid');

    const result = await refundOrder(order.id, { reason, actor: ADMIN });

    expect(result).toEqual({
      ok: true,
      message: `Refund of $50.00 of order ${order.number} requested; Stripe reports it pending.`,
    });
    expect((await waitForOrder(order.id, () => true, 'read')).status).toBe('refunded');
    expect(await refundsOf(order.id)).toMatchObject([{ status: 'pending' }]);
    expect((await outboxOf(order.id)).map((email) => email.kind)).toEqual(['order_confirmation']);

    // Stripe settles it later; the emulator's control API settles it now.
    await harness.control('POST', '/refunds/settle');
    await eventually(
      async () => (await refundsOf(order.id))[0]?.status === 'succeeded',
      'the refund to succeed',
    );
    await eventually(async () => (await outboxOf(order.id)).length === 2, 'the refund email');
    expect(await refundHistory(order.id)).toEqual([{ move: 'paid→refunded', by: BY_ADMIN }]);
  });

  it('a refund that fails later (card 5126) gives the amount back and the order is paid again', async () => {
    const { order } = await paidOrder(CARDS.failingRefund, 'paid');
    await refundOrder(order.id, { amount: 2000, reason, actor: ADMIN });
    await waitForOrder(order.id, (o) => o.status === 'partially_refunded', 'partly refunded');

    // Stripe fails it later; the emulator's control API settles it (as a failure) now.
    await harness.control('POST', '/refunds/settle');
    const restored = await waitForOrder(order.id, (o) => o.status === 'paid', 'paid again');
    expect(restored.amountRefunded).toBe(0);
    expect(await refundsOf(order.id)).toMatchObject([{ amount: 2000, status: 'failed' }]);
    expect((await refundsOf(order.id))[0]?.failedAt).toBeInstanceOf(Date);
    expect(await refundHistory(order.id)).toEqual([
      { move: 'paid→partially_refunded', by: BY_ADMIN },
      { move: 'partially_refunded→paid', by: 'stripe event' },
    ]);
    // The money is back: it can be refunded again, in full.
    expect((await refundOrder(order.id, { amount: 5000, reason, actor: ADMIN })).ok).toBe(true);
  });

  it('a failed refund stays failed when the charge’s older report arrives after the failure', async () => {
    const { order } = await paidOrder(CARDS.failingRefund, 'paid');
    // Hold back the refund's own webhooks (refund.created, charge.refunded) for a while.
    await harness.control('POST', '/faults', { deliveries: { count: 2, delay_ms: 1500 } });
    await refundOrder(order.id, { amount: 2000, reason, actor: ADMIN });
    const intent = await harness.sdk.paymentIntents.retrieve(order.stripePaymentIntentId!);
    await harness.control('POST', `/charges/${String(intent.latest_charge)}/fail-refund`, {});
    await waitForOrder(order.id, (o) => o.status === 'paid', 'paid again');

    await harness.deliveriesSettled();

    const after = await waitForOrder(order.id, () => true, 'read');
    expect(after).toMatchObject({ status: 'paid', amountRefunded: 0 });
    const [late] = await db()
      .select({ result: stripeEvents.result })
      .from(stripeEvents)
      .where(
        and(
          eq(stripeEvents.type, 'charge.refunded'),
          like(stripeEvents.result, `%order ${order.number} %`),
        ),
      );
    expect(late?.result).toBe(
      `processed: order ${order.number} stays paid (report predates a failed refund)`,
    );
    expect(await refundHistory(order.id)).toEqual([
      { move: 'paid→partially_refunded', by: BY_ADMIN },
      { move: 'partially_refunded→paid', by: 'stripe event' },
    ]);
  });
});
