import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '@/emulator';
import { clientFor, payOnHostedPage, sessionParams } from './emulator-harness';

const dir = mkdtempSync(join(tmpdir(), 'stripe-emulator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the state file', () => {
  it('keeps a session payable across a restart', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startEmulator({ port: 0, stateFile });
    const created = await clientFor(first).checkout.sessions.create(sessionParams());
    await first.stop();

    const second = await startEmulator({ port: 0, stateFile });
    try {
      const stripe = clientFor(second);
      const reloaded = await stripe.checkout.sessions.retrieve(created.id);
      expect(reloaded.status).toBe('open');
      expect(reloaded.url).toBe(`${second.url}/c/pay/${created.id}`);
      const attempt = await payOnHostedPage(reloaded, '4242424242424242');
      expect(attempt.status).toBe(303);
      expect((await stripe.checkout.sessions.retrieve(created.id)).payment_status).toBe('paid');
    } finally {
      await second.stop();
    }
  });

  it('keeps customers, saved cards, subscriptions and invoices across a restart', async () => {
    const stateFile = join(dir, 'billing.json');
    const first = await startEmulator({ port: 0, stateFile });
    const stripe = clientFor(first);
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: 'usd',
            unit_amount: 900,
            recurring: { interval: 'year' },
            product_data: { name: 'Annual refill' },
          },
        },
      ],
      success_url: 'http://127.0.0.1:9/ok',
    });
    await payOnHostedPage(session, '4242424242424242');
    const subscriptionId = String(
      (await stripe.checkout.sessions.retrieve(session.id)).subscription,
    );
    await first.stop();

    const second = await startEmulator({ port: 0, stateFile });
    try {
      const again = clientFor(second);
      expect((await again.paymentMethods.retrieve(card.id)).customer).toBe(customer.id);
      const subscription = await again.subscriptions.retrieve(subscriptionId);
      expect(subscription.status).toBe('active');
      expect((await again.invoices.list({ subscription: subscriptionId })).data).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});
