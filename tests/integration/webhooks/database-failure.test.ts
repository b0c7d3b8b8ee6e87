import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { connect, db } from '@/db/client';
import { recordAndApply } from '@/lib/webhooks/inbox';
import { httpStatusOf } from '@/lib/webhooks/outcome';
import { freePort } from '@/scripts/processes';
import { orderNow, outboxOf, pendingOrder, recordedEvent, timelineOf } from './order-fixtures';
import {
  checkoutEvent,
  checkoutSession,
  completedSession,
  signedDelivery,
  TEST_SECRET_KEY,
  TEST_WEBHOOK_SECRET,
} from './stripe-fixtures';

process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
process.env.STRIPE_SECRET_KEY = TEST_SECRET_KEY;

afterAll(async () => {
  await db().$client.end();
});

describe('a database failure loses no event', () => {
  it('a failure while applying keeps the event in the inbox, failed with its error, and changes nothing else; the redelivery applies it', async () => {
    const { order } = await pendingOrder();
    const event = checkoutEvent(
      'checkout.session.completed',
      completedSession(checkoutSession(order.id)),
    );
    // The database refuses the timeline insert for this one order, i.e. it fails midway through
    // the webhook's transaction, after the stripe_events row and the order update were written.
    // A trigger scoped to this order's id leaves the other test files (same database) untouched.
    const name = `fail_order_${order.id.replaceAll('-', '')}`;
    await db().execute(
      sql.raw(`
        CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.order_id = '${order.id}' THEN
            RAISE EXCEPTION 'simulated database failure' USING ERRCODE = '08006';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER ${name} BEFORE INSERT ON order_events
          FOR EACH ROW EXECUTE FUNCTION ${name}();`),
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});

    const failed = await POST(signedDelivery(event));

    // Recorded is what Stripe needs to hear: the inbox owns the retry from here.
    expect(failed.status).toBe(200);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    const kept = await recordedEvent(event.id);
    expect(kept?.state).toBe('failed');
    expect(kept?.lastError).toContain('simulated database failure');
    expect(kept?.nextAttemptAt).toBeInstanceOf(Date);
    expect((await orderNow(order.id)).status).toBe('pending');
    expect(await outboxOf(order.id)).toHaveLength(0);

    // The outage ends; Stripe redelivers the same event (re-signed, as it does on every retry).
    await db().execute(sql.raw(`DROP TRIGGER ${name} ON order_events; DROP FUNCTION ${name}();`));
    const retried = await POST(signedDelivery(event));

    expect(retried.status).toBe(200);
    expect((await orderNow(order.id)).status).toBe('paid');
    expect(await outboxOf(order.id)).toHaveLength(1);
    expect(await timelineOf(order.id)).toHaveLength(1);
    expect(await recordedEvent(event.id)).toMatchObject({
      state: 'applied',
      attempts: 2,
      lastError: null,
      result: expect.stringContaining('pending → paid'),
    });
  });

  it('a database that refuses connections gives a retryable outcome (500), and the redelivery is processed', async () => {
    const { order } = await pendingOrder();
    const event = checkoutEvent(
      'checkout.session.completed',
      completedSession(checkoutSession(order.id)),
    );
    // A pool aimed at a port nothing listens on: every query fails with ECONNREFUSED.
    const down = connect(`postgres://shopfront@127.0.0.1:${await freePort()}/shopfront`, {
      max: 1,
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});

    const outcome = await recordAndApply(event, { database: down.db });

    expect(outcome.kind).toBe('retryable_error');
    expect(httpStatusOf(outcome)).toBe(500);
    logged.mockRestore();
    await down.sql.end();
    expect(await recordedEvent(event.id)).toBeUndefined();

    const redelivered = await recordAndApply(event);
    expect(redelivered.kind).toBe('processed');
    expect((await orderNow(order.id)).status).toBe('paid');
  });
});
