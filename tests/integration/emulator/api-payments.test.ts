import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { caught, clientFor } from './emulator-harness';

// Payments over the API as Stripe's own tools make them: PaymentIntents with the options the
// Stripe CLI sends, disputes listed and closed by the merchant, SetupIntents saving a card.

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  stripe = clientFor(emulator);
});
afterAll(() => emulator.stop());

describe('PaymentIntents over the API', () => {
  it('take payment_method_types as an array (payment_method_types[]=card) and shipping', async () => {
    const response = await fetch(`${emulator.url}/v1/payment_intents`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_api' },
      body: new URLSearchParams([
        ['amount', '2000'],
        ['currency', 'usd'],
        ['confirm', 'true'],
        ['payment_method', 'pm_card_visa'],
        ['payment_method_types[]', 'card'],
        ['shipping[name]', 'Jenny Rosen'],
        ['shipping[address][line1]', '510 Townsend St'],
      ]),
    });
    const intent = (await response.json()) as Stripe.PaymentIntent;
    expect(intent).toMatchObject({
      status: 'succeeded',
      payment_method_types: ['card'],
      shipping: { name: 'Jenny Rosen', address: { line1: '510 Townsend St' } },
    });
  });
});

describe('disputes', () => {
  it('the inquiry card (pm_card_createDisputeInquiry) opens an inquiry; closing it ends as warning_closed', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 100,
      currency: 'usd',
      payment_method: 'pm_card_createDisputeInquiry',
      confirm: true,
    });
    const { data } = await stripe.disputes.list({ payment_intent: intent.id } as never);
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      status: 'warning_needs_response',
      charge: intent.latest_charge,
    });

    const closed = await stripe.disputes.close(data[0]!.id);
    expect(closed.status).toBe('warning_closed');
    const again = await caught(stripe.disputes.close(data[0]!.id));
    expect(again.statusCode).toBe(400);
  });

  it('closing a dispute accepts it as lost', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 100,
      currency: 'usd',
      payment_method: 'pm_card_createDispute',
      confirm: true,
    });
    const [dispute] = (await stripe.disputes.list({ charge: String(intent.latest_charge) })).data;
    expect((await stripe.disputes.close(String(dispute?.id))).status).toBe('lost');
    const closedEvents = await stripe.events.list({ type: 'charge.dispute.closed' });
    expect(closedEvents.data.map((event) => (event.data.object as Stripe.Dispute).id)).toContain(
      dispute?.id,
    );
  });
});

describe('SetupIntents over the API', () => {
  it('confirmed with a good card: succeeded, the card attached to the customer', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    const intent = await stripe.setupIntents.create({
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    expect(intent.status).toBe('succeeded');
    const method = await stripe.paymentMethods.retrieve(String(intent.payment_method));
    expect(method.customer).toBe(customer.id);
  });

  it('a declining card answers 402 and leaves the intent waiting for another; cancel ends it', async () => {
    const intent = await stripe.setupIntents.create({ description: 'A card for later' });
    expect(intent.status).toBe('requires_payment_method');
    const declined = await caught(
      stripe.setupIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' }),
    );
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    const failed = await stripe.setupIntents.retrieve(intent.id);
    expect(failed).toMatchObject({
      status: 'requires_payment_method',
      last_setup_error: { code: 'card_declined' },
    });
    const canceled = await stripe.setupIntents.cancel(intent.id, {
      cancellation_reason: 'requested_by_customer',
    });
    expect(canceled.status).toBe('canceled');
    const types = (await stripe.events.list({ limit: 20 })).data.map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'setup_intent.created',
        'setup_intent.setup_failed',
        'setup_intent.canceled',
      ]),
    );
  });
});
