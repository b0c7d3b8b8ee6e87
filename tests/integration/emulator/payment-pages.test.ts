import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { caught, clientFor, control } from './emulator-harness';

// Paying a session the way Stripe's own Checkout page (and the Stripe CLI's fixtures) do: a
// PaymentMethod made with POST /v1/payment_methods, then POST /v1/payment_pages/:id/confirm.

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  stripe = clientFor(emulator);
});
afterAll(() => emulator.stop());

async function post<T>(path: string, form: Record<string, string>): Promise<T> {
  const response = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { Authorization: 'Bearer sk_test_pages' },
    body: new URLSearchParams(form),
  });
  return (await response.json()) as T;
}

async function session(
  currency: 'usd' | 'eur',
  methods: string[] = ['card'],
): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.create({
    mode: 'payment',
    // Older API versions' parameter, which the Stripe CLI's fixtures still send.
    ...({ payment_method_types: methods } as object),
    line_items: [
      {
        quantity: 2,
        price_data: { currency, unit_amount: 1500, product_data: { name: 'Enamel mug' } },
      },
    ],
    success_url: 'http://127.0.0.1:9/ok',
  });
}

async function typesFor(intent: string): Promise<string[]> {
  const events = await stripe.events.list({ limit: 100 });
  return events.data
    .filter((event) => {
      const object = event.data.object as { id?: string; payment_intent?: string };
      return object.id === intent || object.payment_intent === intent;
    })
    .map((event) => event.type)
    .reverse();
}

describe('POST /v1/payment_methods', () => {
  it('makes a card from a test token, and refuses raw card numbers and unknown tokens', async () => {
    const card = await stripe.paymentMethods.create({
      type: 'card',
      card: { token: 'tok_visa' },
      billing_details: { email: 'ada@example.com', name: 'Ada Lovelace' },
    });
    expect(card).toMatchObject({
      type: 'card',
      card: { brand: 'visa', last4: '4242' },
      billing_details: { email: 'ada@example.com', name: 'Ada Lovelace' },
      customer: null,
    });
    const raw = await caught(
      stripe.paymentMethods.create({
        type: 'card',
        card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' },
      }),
    );
    expect(raw).toMatchObject({ statusCode: 400, param: 'card[number]' });
    const unknown = await caught(
      stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_nope' } }),
    );
    expect(unknown).toMatchObject({ statusCode: 400, param: 'card[token]' });
  });

  it('makes a SEPA Direct Debit account from an IBAN, and refuses an invalid one', async () => {
    const debit = await stripe.paymentMethods.create({
      type: 'sepa_debit',
      sepa_debit: { iban: 'AT61 1904 3002 3457 3201' },
    });
    expect(debit).toMatchObject({
      type: 'sepa_debit',
      sepa_debit: { country: 'AT', last4: '3201' },
    });
    const invalid = await caught(
      stripe.paymentMethods.create({
        type: 'sepa_debit',
        sepa_debit: { iban: 'AT611904300234573202' },
      }),
    );
    expect(invalid).toMatchObject({ statusCode: 400, code: 'invalid_bank_account_iban' });
  });
});

describe('POST /v1/payment_pages/:id/confirm', () => {
  it('pays a session with a card as the hosted page would: complete, paid, the usual events', async () => {
    const open = await session('usd');
    const page = await fetch(`${emulator.url}/v1/payment_pages/${open.id}`, {
      headers: { Authorization: 'Bearer sk_test_pages' },
    });
    expect(((await page.json()) as { id: string }).id).toBe(open.id);
    const card = await stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });

    const paid = await post<Stripe.Checkout.Session>(`/v1/payment_pages/${open.id}/confirm`, {
      payment_method: card.id,
      expected_amount: '3000',
    });

    expect(paid).toMatchObject({ status: 'complete', payment_status: 'paid' });
    expect(await typesFor(String(paid.payment_intent))).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'checkout.session.completed',
    ]);
  });

  it('refuses an amount the session no longer asks for, and a closed session', async () => {
    const open = await session('usd');
    const card = await stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
    const wrong = await post<{ error: { param: string } }>(`/v1/payment_pages/${open.id}/confirm`, {
      payment_method: card.id,
      expected_amount: '2999',
    });
    expect(wrong.error.param).toBe('expected_amount');
    await stripe.checkout.sessions.expire(open.id);
    const closed = await post<{ error: { message: string } }>(
      `/v1/payment_pages/${open.id}/confirm`,
      { payment_method: card.id },
    );
    expect(closed.error.message).toContain('expired');
  });

  it('SEPA Direct Debit: completed unpaid at once, then async_payment_succeeded when the bank pays', async () => {
    const open = await session('eur', ['sepa_debit']);
    const debit = await stripe.paymentMethods.create({
      type: 'sepa_debit',
      sepa_debit: { iban: 'AT611904300234573201' },
    });
    const confirmed = await post<Stripe.Checkout.Session>(`/v1/payment_pages/${open.id}/confirm`, {
      payment_method: debit.id,
    });
    expect(confirmed).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
    const intent = String(confirmed.payment_intent);
    expect((await stripe.paymentIntents.retrieve(intent)).status).toBe('processing');

    await control(emulator, 'POST', '/debits/settle');

    expect((await stripe.checkout.sessions.retrieve(open.id)).payment_status).toBe('paid');
    expect((await stripe.paymentIntents.retrieve(intent)).status).toBe('succeeded');
    expect(await typesFor(intent)).toEqual([
      'payment_intent.created',
      'charge.pending',
      'payment_intent.processing',
      'checkout.session.completed',
      'charge.succeeded',
      'payment_intent.succeeded',
      'checkout.session.async_payment_succeeded',
    ]);
  });

  it('SEPA Direct Debit that the bank refuses: async_payment_failed, the session stays unpaid', async () => {
    const open = await session('eur', ['sepa_debit']);
    const debit = await stripe.paymentMethods.create({
      type: 'sepa_debit',
      sepa_debit: { iban: 'AT861904300235473202' },
    });
    const confirmed = await post<Stripe.Checkout.Session>(`/v1/payment_pages/${open.id}/confirm`, {
      payment_method: debit.id,
    });
    await control(emulator, 'POST', '/debits/settle');
    const intent = await stripe.paymentIntents.retrieve(String(confirmed.payment_intent));
    expect(intent.status).toBe('requires_payment_method');
    expect(intent.last_payment_error?.code).toBe('insufficient_funds');
    expect((await stripe.checkout.sessions.retrieve(open.id)).payment_status).toBe('unpaid');
    expect((await typesFor(intent.id)).slice(-3)).toEqual([
      'charge.failed',
      'payment_intent.payment_failed',
      'checkout.session.async_payment_failed',
    ]);
  });

  it('SEPA Direct Debit only in euros, and only on a session that offers it', async () => {
    const dollars = await caught(session('usd', ['sepa_debit']));
    expect(dollars).toMatchObject({ statusCode: 400, param: 'payment_method_types' });
    const cardOnly = await session('eur');
    const debit = await stripe.paymentMethods.create({
      type: 'sepa_debit',
      sepa_debit: { iban: 'AT611904300234573201' },
    });
    const refused = await post<{ error: { param: string } }>(
      `/v1/payment_pages/${cardOnly.id}/confirm`,
      { payment_method: debit.id },
    );
    expect(refused.error.param).toBe('payment_method');
  });
});
