import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/cron/reconcile/route';
import { db } from '@/db/client';
import { emailOutbox } from '@/db/schema';
import {
  CARDS,
  payOnHostedPage,
  placeOrder,
  startPaymentsHarness,
  waitForOrder,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';

const SECRET = 'cron-secret-for-tests-0123456789';
let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness({ retryScheduleMs: [] });
  process.env.CRON_SECRET = SECRET;
});
afterAll(() => harness.stop());

function call(authorization?: string) {
  return GET(
    new Request('http://store.test/api/cron/reconcile', {
      headers: authorization ? { authorization } : {},
    }),
  );
}

describe('GET /api/cron/reconcile', () => {
  it('refuses a request without the bearer secret, or with another one', async () => {
    expect((await call()).status).toBe(401);
    expect((await call('Bearer not-the-secret')).status).toBe(401);
    expect((await call(SECRET)).status).toBe(401);
  });

  it('with the secret, applies a payment whose webhook was dropped and reports what it did', async () => {
    await harness.control('POST', '/faults', {
      deliveries: { count: 100, drop_first_attempt: true },
    });
    const placed = await placeOrder();
    await payOnHostedPage(placed.url, CARDS.visa);
    await harness.control('DELETE', '/faults');
    expect((await waitForOrder(placed.orderId, () => true, 'read')).status).toBe('pending');

    const response = await call(`Bearer ${SECRET}`);

    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      events: { applied: number; failed: number };
      mail: Record<string, number>;
    };
    expect(body.events.applied).toBeGreaterThan(0);
    expect(body.events.failed).toBe(0);
    expect(body.mail).toHaveProperty('sent');
    expect((await waitForOrder(placed.orderId, () => true, 'read')).status).toBe('paid');
    const emails = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.orderId, placed.orderId));
    expect(emails).toHaveLength(1);
  });
});
