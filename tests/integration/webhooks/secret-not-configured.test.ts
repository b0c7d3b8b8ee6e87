import { afterAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { db } from '@/db/client';
import { orderNow, pendingOrder, recordedEvent } from './order-fixtures';
import {
  checkoutEvent,
  checkoutSession,
  completedSession,
  signedDelivery,
  TEST_SECRET_KEY,
} from './stripe-fixtures';

// This file's process has a Stripe key but no webhook signing secret: a misconfigured deployment.
delete process.env.STRIPE_WEBHOOK_SECRET;
process.env.STRIPE_SECRET_KEY = TEST_SECRET_KEY;

afterAll(async () => {
  await db().$client.end();
});

describe('without STRIPE_WEBHOOK_SECRET', () => {
  it('answers 500, logs a configuration error and never reads the event, even a validly signed one', async () => {
    const { order } = await pendingOrder();
    const event = checkoutEvent(
      'checkout.session.completed',
      completedSession(checkoutSession(order.id)),
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});

    const response = await POST(signedDelivery(event));

    expect(response.status).toBe(500);
    expect(logged).toHaveBeenCalledWith(
      expect.stringContaining('STRIPE_WEBHOOK_SECRET is not set'),
    );
    expect(await recordedEvent(event.id)).toBeUndefined();
    expect((await orderNow(order.id)).status).toBe('pending');
    logged.mockRestore();
  });
});
