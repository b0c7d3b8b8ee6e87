import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '@/emulator';
import {
  advanceTestClock,
  clientFor,
  customerOnTestClock,
  payOnHostedPage,
  sessionParams,
} from './emulator-harness';

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

  it('loads a file from before test clocks, with its global clock offset, and new sessions still pay', async () => {
    const stateFile = join(dir, 'old.json');
    const first = await startEmulator({ port: 0, stateFile });
    const customer = await clientFor(first).customers.create({ email: 'ada@example.com' });
    await first.stop();
    // What older versions saved after `POST /_emulator/clock/advance {"seconds": 2764800}`.
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(stateFile, JSON.stringify({ ...saved, clockOffsetSeconds: 32 * 24 * 60 * 60 }));

    const second = await startEmulator({ port: 0, stateFile });
    try {
      const stripe = clientFor(second);
      expect((await stripe.customers.retrieve(customer.id)).id).toBe(customer.id);
      // The store's expires_at comes from its real clock: 31 minutes from now.
      const expiresAt = Math.floor(Date.now() / 1000) + 31 * 60;
      const session = await stripe.checkout.sessions.create(
        sessionParams({ expires_at: expiresAt }),
      );
      expect(session.status).toBe('open');
      expect((await payOnHostedPage(session, '4242424242424242')).status).toBe(303);
      expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('paid');
    } finally {
      await second.stop();
    }
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).not.toHaveProperty('clockOffsetSeconds');
  });

  it('keeps early fraud warnings and staged dispute evidence across a restart', async () => {
    const stateFile = join(dir, 'fraud.json');
    const first = await startEmulator({ port: 0, stateFile });
    const stripe = clientFor(first);
    const session = await stripe.checkout.sessions.create(sessionParams());
    await payOnHostedPage(session, '4000000000005423');
    const intentId = String((await stripe.checkout.sessions.retrieve(session.id)).payment_intent);
    const [warning] = (await stripe.radar.earlyFraudWarnings.list({ payment_intent: intentId }))
      .data;
    const disputed = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_createDispute',
      confirm: true,
    });
    const [dispute] = (await stripe.disputes.list({ payment_intent: disputed.id })).data;
    await stripe.disputes.update(String(dispute?.id), {
      evidence: { customer_name: 'Ada Lovelace' },
      submit: false,
    });
    await first.stop();

    const second = await startEmulator({ port: 0, stateFile });
    try {
      const again = clientFor(second);
      expect(await again.radar.earlyFraudWarnings.retrieve(String(warning?.id))).toEqual(warning);
      expect(await again.disputes.retrieve(String(dispute?.id))).toMatchObject({
        evidence: { customer_name: 'Ada Lovelace' },
        evidence_details: { has_evidence: true },
      });
    } finally {
      await second.stop();
    }
  });

  it('keeps test clocks where they were advanced to', async () => {
    const stateFile = join(dir, 'clocks.json');
    const first = await startEmulator({ port: 0, stateFile });
    const { customer, clock } = await customerOnTestClock(clientFor(first));
    const advanced = await advanceTestClock(clientFor(first), clock, 40 * 24 * 60 * 60);
    await first.stop();

    const second = await startEmulator({ port: 0, stateFile });
    try {
      const stripe = clientFor(second);
      expect(await stripe.testHelpers.testClocks.retrieve(clock.id)).toEqual(advanced);
      expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({
        test_clock: clock.id,
      });
    } finally {
      await second.stop();
    }
  });
});
