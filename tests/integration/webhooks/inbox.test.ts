// The webhook inbox against real Postgres: what the route records survives a crash before it is
// applied, drains racing each other apply every event once, a failing event is isolated in its
// batch and kept with its error until it is applied again, and an event about a payment the store
// does not know yet waits and is applied right after that payment is.
import { and, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { connect, db } from '@/db/client';
import { auditLog, stripeEvents } from '@/db/schema';
import {
  drainInbox,
  reapplyFailedEvent,
  recordAndApply,
  recordStripeEvent,
} from '@/lib/webhooks/inbox';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { orderNow, outboxOf, pendingOrder, recordedEvent, timelineOf } from './order-fixtures';
import {
  checkoutEvent,
  checkoutSession,
  completedSession,
  signedDelivery,
  TEST_SECRET_KEY,
  TEST_WEBHOOK_SECRET,
  uniqueId,
} from './stripe-fixtures';

process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
process.env.STRIPE_SECRET_KEY = TEST_SECRET_KEY;

// Drains take any due event in the database, so this file has a database of its own: the other
// files' events are not its drains' to take, nor its events theirs.
let own: TestDatabase;
beforeAll(async () => {
  own = await createTestDatabase('shopfront_inbox', process.env.DATABASE_URL);
  process.env.DATABASE_URL = own.url;
});
afterAll(async () => {
  await db().$client.end();
  await own.dispose();
});

function envelope(type: string, object: unknown, created = Math.floor(Date.now() / 1000)) {
  return {
    id: uniqueId('evt'),
    object: 'event',
    api_version: '2025-10-29.clover',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  } as unknown as Stripe.Event;
}

/** A paid checkout for `orderId`, with the PaymentIntent id it stores on the order. */
function paidCheckout(orderId: string, paymentIntentId = uniqueId('pi')) {
  return checkoutEvent('checkout.session.completed', {
    ...completedSession(checkoutSession(orderId)),
    payment_intent: paymentIntentId,
  });
}

function disputeCreated(paymentIntentId: string) {
  return envelope('charge.dispute.created', {
    id: uniqueId('dp'),
    object: 'dispute',
    amount: 5000,
    currency: 'usd',
    created: Math.floor(Date.now() / 1000),
    charge: uniqueId('ch'),
    payment_intent: paymentIntentId,
    status: 'needs_response',
    reason: 'fraudulent',
    balance_transactions: [],
    evidence: {},
    evidence_details: {
      due_by: Math.floor(Date.now() / 1000) + 7 * 24 * 60 * 60,
      has_evidence: false,
      past_due: false,
      submission_count: 0,
    },
    metadata: {},
  });
}

function chargeCaptured(orderId: string, paymentIntentId: string, amountCaptured: number) {
  return envelope('charge.captured', {
    id: uniqueId('ch'),
    object: 'charge',
    payment_intent: paymentIntentId,
    amount: amountCaptured,
    amount_captured: amountCaptured,
    captured: true,
    metadata: { order_id: orderId },
  });
}

function amountCapturableUpdated(orderId: string, paymentIntentId: string, amount: number) {
  return envelope('payment_intent.amount_capturable_updated', {
    id: paymentIntentId,
    object: 'payment_intent',
    status: 'requires_capture',
    amount,
    amount_capturable: amount,
    metadata: { order_id: orderId },
  });
}

const admin = { email: 'ops@example.com', ip: '203.0.113.9' };

describe('the route records and answers; the apply can come later', () => {
  it('an event recorded by an instance that died before applying it is applied by the next drain, once', async () => {
    const { order } = await pendingOrder();
    const event = paidCheckout(order.id);

    // What the route does before its 2xx. The process dies here: no after(), no drain.
    expect(await recordStripeEvent(event)).toBe('received');
    expect(await recordedEvent(event.id)).toMatchObject({ state: 'received', attempts: 0 });
    expect((await orderNow(order.id)).status).toBe('pending');

    // Stripe got its 2xx, so it does not resend. Another instance's worker (or this one's on
    // restart, or the reconcile cron) drains the inbox.
    const report = await drainInbox();

    expect(report).toMatchObject({ applied: 1, failed: 0, waiting: 0 });
    expect((await orderNow(order.id)).status).toBe('paid');
    expect(await outboxOf(order.id)).toHaveLength(1);
    expect(await recordedEvent(event.id)).toMatchObject({ state: 'applied', attempts: 1 });
    expect(await drainInbox()).toEqual({ applied: 0, failed: 0, waiting: 0 });
  });

  it('a duplicate delivery of an applied event answers 200 and changes nothing', async () => {
    const { order } = await pendingOrder();
    const event = paidCheckout(order.id);
    expect((await POST(signedDelivery(event))).status).toBe(200);
    const first = await recordedEvent(event.id);

    const again = await POST(signedDelivery(event));

    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ outcome: 'duplicate' });
    expect(await recordedEvent(event.id)).toEqual(first);
    expect(await timelineOf(order.id)).toHaveLength(1);
  });
});

describe('drains racing each other', () => {
  it('two drains on two connection pools, in small batches, apply each of 60 events exactly once', async () => {
    const placed = await Promise.all(Array.from({ length: 30 }, () => pendingOrder()));
    const events = placed.flatMap(({ order }) => {
      const paid = paidCheckout(order.id);
      // A second event for the same order (its session again, as Stripe can send both a
      // completed and a late async success), so the drains also contend for order rows.
      const late = checkoutEvent('checkout.session.async_payment_succeeded', {
        ...paid.data.object,
      } as Stripe.Checkout.Session);
      return [paid, late];
    });
    for (const event of events) await recordStripeEvent(event);
    const first = connect(own.url, { max: 3 });
    const second = connect(own.url, { max: 3 });

    const reports = await Promise.all([
      drainInbox({ database: first.db, batchSize: 4 }),
      drainInbox({ database: second.db, batchSize: 4 }),
    ]);
    await Promise.all([first.sql.end(), second.sql.end()]);

    expect(reports[0].applied + reports[1].applied).toBe(60);
    // Both took part: neither waited for the other to finish the whole inbox.
    expect(reports[0].applied).toBeGreaterThan(0);
    expect(reports[1].applied).toBeGreaterThan(0);
    for (const { order } of placed) {
      expect((await orderNow(order.id)).status).toBe('paid');
      expect(await outboxOf(order.id)).toHaveLength(1);
      // One transition: whichever of its two events came first paid it, the other changed nothing.
      expect(await timelineOf(order.id)).toHaveLength(1);
    }
    const rows = await db()
      .select({ state: stripeEvents.state, attempts: stripeEvents.attempts })
      .from(stripeEvents)
      .where(
        sql`${stripeEvents.id} IN (${sql.join(
          events.map((event) => sql`${event.id}`),
          sql`, `,
        )})`,
      );
    expect(rows).toHaveLength(60);
    expect(rows.every((row) => row.state === 'applied' && row.attempts === 1)).toBe(true);
  });
});

describe('a failing event', () => {
  it('is rolled back alone: the rest of its batch is applied, it is kept failed with its error, and an operator applies it again', async () => {
    const placed = await Promise.all(Array.from({ length: 5 }, () => pendingOrder()));
    const poisoned = placed[2]!.order;
    const name = `fail_inbox_${poisoned.id.replaceAll('-', '')}`;
    await db().execute(
      sql.raw(`
        CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.order_id = '${poisoned.id}' THEN
            RAISE EXCEPTION 'simulated failure for one order';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER ${name} BEFORE INSERT ON order_events
          FOR EACH ROW EXECUTE FUNCTION ${name}();`),
    );
    const events = placed.map(({ order }) => paidCheckout(order.id));
    for (const event of events) await recordStripeEvent(event);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});

    const report = await drainInbox({ batchSize: 10 });

    logged.mockRestore();
    expect(report).toMatchObject({ applied: 4, failed: 1 });
    for (const { order } of placed)
      expect((await orderNow(order.id)).status).toBe(order.id === poisoned.id ? 'pending' : 'paid');
    const failed = await recordedEvent(events[2]!.id);
    expect(failed).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: 'simulated failure for one order',
    });
    // Retried on its own after a backoff, not by the next drain straight away.
    expect(failed!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await outboxOf(poisoned.id)).toHaveLength(0);

    await db().execute(sql.raw(`DROP TRIGGER ${name} ON order_events; DROP FUNCTION ${name}();`));
    const reapplied = await reapplyFailedEvent(events[2]!.id, admin);

    expect(reapplied).toMatchObject({ kind: 'processed' });
    expect((await orderNow(poisoned.id)).status).toBe('paid');
    expect(await outboxOf(poisoned.id)).toHaveLength(1);
    expect(await recordedEvent(events[2]!.id)).toMatchObject({ state: 'applied', lastError: null });
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'stripe_event.reapply'), eq(auditLog.targetId, events[2]!.id)),
      );
    expect(audit).toMatchObject({ actor: 'ops@example.com', targetType: 'stripe_event' });
    // Asking again changes nothing: it is applied.
    expect(await reapplyFailedEvent(events[2]!.id, admin)).toBeNull();
  });

  it('that keeps failing is retried after its backoff without an operator', async () => {
    const { order } = await pendingOrder();
    const event = paidCheckout(order.id);
    await recordStripeEvent(event);
    const name = `fail_retry_${order.id.replaceAll('-', '')}`;
    await db().execute(
      sql.raw(`
        CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.order_id = '${order.id}' THEN RAISE EXCEPTION 'still broken'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER ${name} BEFORE INSERT ON order_events
          FOR EACH ROW EXECUTE FUNCTION ${name}();`),
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await drainInbox();
    logged.mockRestore();
    expect(await recordedEvent(event.id)).toMatchObject({ state: 'failed', attempts: 1 });
    await db().execute(sql.raw(`DROP TRIGGER ${name} ON order_events; DROP FUNCTION ${name}();`));

    // The backoff passes (made to, rather than waited for).
    await db()
      .update(stripeEvents)
      .set({ nextAttemptAt: sql`now()` })
      .where(eq(stripeEvents.id, event.id));
    const report = await drainInbox();

    expect(report.applied).toBe(1);
    expect((await orderNow(order.id)).status).toBe('paid');
    expect(await recordedEvent(event.id)).toMatchObject({ state: 'applied', attempts: 2 });
  });
});

describe('an event about a payment the store does not know yet', () => {
  it('a dispute racing its checkout waits in the inbox (200, no retry needed) and is applied right after the checkout', async () => {
    const { order } = await pendingOrder();
    const paymentIntentId = uniqueId('pi');
    const dispute = disputeCreated(paymentIntentId);

    const early = await POST(signedDelivery(dispute));

    expect(early.status).toBe(200);
    expect(await recordedEvent(dispute.id)).toMatchObject({
      state: 'waiting',
      waitingFor: paymentIntentId,
    });
    expect((await orderNow(order.id)).disputeStatus).toBeNull();

    // The checkout's completion arrives: applying it wakes the dispute, applied in the same drain.
    expect((await POST(signedDelivery(paidCheckout(order.id, paymentIntentId)))).status).toBe(200);

    expect(await orderNow(order.id)).toMatchObject({
      status: 'paid',
      disputeStatus: 'needs_response',
    });
    expect(await recordedEvent(dispute.id)).toMatchObject({ state: 'applied', attempts: 2 });
  });

  it('a capture delivered before its authorisation waits for it, so the order ends paid, not authorized; the late session brings the email and the confirmation', async () => {
    const { order } = await pendingOrder({ captureMethod: 'manual' });
    const paymentIntentId = uniqueId('pi');

    const capture = await recordAndApply(chargeCaptured(order.id, paymentIntentId, 5000));
    expect(capture.kind).toBe('waiting');
    expect((await orderNow(order.id)).status).toBe('pending');

    const authorization = await recordAndApply(
      amountCapturableUpdated(order.id, paymentIntentId, 5000),
    );

    expect(authorization.kind).toBe('processed');
    expect(await orderNow(order.id)).toMatchObject({ status: 'paid', amountCaptured: 5000 });
    expect((await timelineOf(order.id)).map((row) => row.toStatus)).toEqual(['authorized', 'paid']);
    // Paid before its session's event brought the customer's email: the confirmation waits for it.
    expect(await outboxOf(order.id)).toHaveLength(0);

    const session = await recordAndApply(
      checkoutEvent('checkout.session.completed', {
        ...completedSession(checkoutSession(order.id), 'unpaid'),
        payment_intent: paymentIntentId,
      }),
    );

    expect(session.kind).toBe('processed');
    expect(await orderNow(order.id)).toMatchObject({
      status: 'paid',
      email: 'ada@example.com',
      customerName: 'Ada Lovelace',
    });
    expect(await outboxOf(order.id)).toHaveLength(1);
  });

  it('an unknown payment older than the grace period is recorded and ignored, not kept waiting', async () => {
    const twoHoursAgo = Math.floor(Date.now() / 1000) - 2 * 60 * 60;
    const dispute = envelope(
      'charge.dispute.created',
      { ...disputeCreated(uniqueId('pi')).data.object },
      twoHoursAgo,
    );

    const outcome = await recordAndApply(dispute);

    expect(outcome).toMatchObject({ kind: 'ignored' });
    expect(await recordedEvent(dispute.id)).toMatchObject({ state: 'applied' });
  });
});
