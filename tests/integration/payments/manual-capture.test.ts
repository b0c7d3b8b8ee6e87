import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLog } from '@/db/schema';
import { cancelAuthorization, captureOrder } from '@/lib/orders/payment-operations';
import { stockOf } from '@/tests/support/catalogue-fixtures';
import {
  CARDS,
  outboxOf,
  paidOrder,
  startPaymentsHarness,
  timelineOf,
  transitionsOf,
  waitForOrder,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';

const ADMIN = { email: 'admin@shopfront.test', ip: '203.0.113.5' };
let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness({ captureMethod: 'manual' });
});
afterAll(() => harness.stop());

/** Each status change once, in order, caused by a Stripe event or by the admin. */
async function expectTransitions(orderId: string, moves: string[]) {
  await harness.deliveriesSettled();
  const transitions = await transitionsOf(orderId);
  expect(transitions.map((row) => `${row.fromStatus}→${row.toStatus}`)).toEqual(moves);
  for (const row of transitions) {
    expect(row.stripeEventId !== null || row.actor === ADMIN.email, JSON.stringify(row)).toBe(true);
  }
}

describe('manual capture', () => {
  it('authorises at checkout, holding the stock, with the PaymentIntent and customer on the order', async () => {
    const { order, sessionId, productId } = await paidOrder(CARDS.visa, 'authorized', {
      quantity: 2,
    });
    const session = await harness.sdk.checkout.sessions.retrieve(sessionId);
    expect(order.stripePaymentIntentId).toBe(session.payment_intent);
    const withDetails = await waitForOrder(order.id, (o) => o.email !== null, 'emailed');
    expect(withDetails.email).toBe('ada@example.com');
    expect(await stockOf([productId])).toEqual({ [productId]: 8 });
    expect(await outboxOf(order.id)).toEqual([]);
  });

  it('a full capture makes the order paid for the whole total, with one confirmation', async () => {
    const { order } = await paidOrder(CARDS.visa, 'authorized', { unitAmount: 2500 });

    const result = await captureOrder(order.id, { actor: ADMIN });

    expect(result).toEqual({ ok: true, message: `Captured $50.00 of order ${order.number}.` });
    const paid = await waitForOrder(order.id, (o) => o.status === 'paid', 'paid');
    expect(paid.amountCaptured).toBe(5000);
    expect(paid.paidAt).toBeInstanceOf(Date);
    await expectTransitions(order.id, ['pending→authorized', 'authorized→paid']);
    expect((await outboxOf(order.id)).map((email) => email.kind)).toEqual(['order_confirmation']);
    const audit = await db().select().from(auditLog).where(eq(auditLog.targetId, order.id));
    expect(audit).toMatchObject([
      { actor: ADMIN.email, ip: ADMIN.ip, action: 'order.capture', targetType: 'order' },
    ]);
    const requests = (await timelineOf(order.id)).filter((row) => row.kind === 'capture_requested');
    expect(requests).toMatchObject([{ actor: ADMIN.email }]);
  });

  it('a partial capture makes the order paid for the captured amount and releases the rest', async () => {
    const { order } = await paidOrder(CARDS.visa, 'authorized', { unitAmount: 2500 });

    const result = await captureOrder(order.id, { amount: 3000, actor: ADMIN });

    expect(result.ok).toBe(true);
    const paid = await waitForOrder(order.id, (o) => o.status === 'paid', 'paid');
    expect(paid.amountCaptured).toBe(3000);
    expect(paid.amountTotal).toBe(5000);
    const intent = await harness.sdk.paymentIntents.retrieve(order.stripePaymentIntentId!);
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: 3000 });
    await expectTransitions(order.id, ['pending→authorized', 'authorized→paid']);
  });

  it('capturing twice captures once and says why the second did nothing', async () => {
    const { order } = await paidOrder(CARDS.visa, 'authorized');

    const [first, second] = await Promise.all([
      captureOrder(order.id, { actor: ADMIN }),
      captureOrder(order.id, { actor: ADMIN }),
    ]);
    const again = await captureOrder(order.id, { actor: ADMIN });

    expect(first.ok && second.ok).toBe(true);
    expect(again).toEqual({
      ok: false,
      message: `Order ${order.number} is paid: only authorized orders can be captured.`,
    });
    await expectTransitions(order.id, ['pending→authorized', 'authorized→paid']);
    expect(await outboxOf(order.id)).toHaveLength(1);
  });

  it('canceling the authorisation cancels the order, charges nothing and puts the stock back', async () => {
    const { order, productId } = await paidOrder(CARDS.visa, 'authorized', { quantity: 3 });
    expect(await stockOf([productId])).toEqual({ [productId]: 7 });

    const result = await cancelAuthorization(order.id, { actor: ADMIN });

    expect(result).toEqual({
      ok: true,
      message: `Canceled the authorization of order ${order.number}; nothing was charged.`,
    });
    await waitForOrder(order.id, (o) => o.status === 'canceled', 'canceled');
    await expectTransitions(order.id, ['pending→authorized', 'authorized→canceled']);
    expect(await stockOf([productId])).toEqual({ [productId]: 10 });
    const intent = await harness.sdk.paymentIntents.retrieve(order.stripePaymentIntentId!);
    expect(intent.status).toBe('canceled');
    expect(await outboxOf(order.id)).toEqual([]);
    expect((await captureOrder(order.id, { actor: ADMIN })).ok).toBe(false);
  });

  it('a capture made in Stripe’s Dashboard arrives by webhook and marks the order paid', async () => {
    const { order } = await paidOrder(CARDS.visa, 'authorized', { unitAmount: 2500 });

    await harness.sdk.paymentIntents.capture(order.stripePaymentIntentId!, {
      amount_to_capture: 4000,
    });

    const paid = await waitForOrder(order.id, (o) => o.status === 'paid', 'paid');
    expect(paid.amountCaptured).toBe(4000);
    await expectTransitions(order.id, ['pending→authorized', 'authorized→paid']);
    const [, captured] = await transitionsOf(order.id);
    expect(captured).toMatchObject({
      actor: 'stripe',
      stripeEventId: expect.stringMatching(/^evt_/),
    });
  });

  it('an authorisation canceled in Stripe’s Dashboard cancels the order and returns its stock', async () => {
    const { order, productId } = await paidOrder(CARDS.visa, 'authorized', { quantity: 1 });

    await harness.sdk.paymentIntents.cancel(order.stripePaymentIntentId!);

    await waitForOrder(order.id, (o) => o.status === 'canceled', 'canceled');
    expect(await stockOf([productId])).toEqual({ [productId]: 10 });
    await expectTransitions(order.id, ['pending→authorized', 'authorized→canceled']);
  });

  it('refuses to capture more than was authorised, without asking Stripe', async () => {
    const { order } = await paidOrder(CARDS.visa, 'authorized', { unitAmount: 2500 });
    expect(await captureOrder(order.id, { amount: 5001, actor: ADMIN })).toEqual({
      ok: false,
      message: 'The amount to capture must be between $0.01 and $50.00.',
    });
  });
});
