import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import {
  answerChallenge,
  caught,
  clientFor,
  control,
  payOnHostedPage,
  sessionParams,
} from './emulator-harness';

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  stripe = clientFor(emulator);
});
afterAll(() => emulator.stop());

async function paidSession(
  card = '4242424242424242',
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
) {
  const session = await stripe.checkout.sessions.create(sessionParams(overrides));
  const attempt = await payOnHostedPage(session, card);
  expect(attempt.status).toBe(303);
  const paid = await stripe.checkout.sessions.retrieve(session.id, {
    expand: ['payment_intent.latest_charge'],
  });
  return { session: paid, intent: paid.payment_intent as Stripe.PaymentIntent };
}

describe('paying on the hosted page', () => {
  it('completes the session, charges the card and redirects to success_url with the session id', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const attempt = await payOnHostedPage(session, '4242 4242 4242 4242');
    expect(attempt.status).toBe(303);
    expect(attempt.location).toBe(`http://127.0.0.1:9/success?session_id=${session.id}`);
    const paid = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent'],
    });
    expect(paid.status).toBe('complete');
    expect(paid.payment_status).toBe('paid');
    expect(paid.url).toBeNull();
    expect(paid.customer_details?.email).toBe('ada@example.com');
    const intent = paid.payment_intent as Stripe.PaymentIntent;
    expect(intent.status).toBe('succeeded');
    expect(intent.amount_received).toBe(5500);
    expect(intent.metadata).toEqual({ order_id: '42' });
    expect(intent.statement_descriptor_suffix).toBe('ORDER 42');
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge.paid).toBe(true);
    expect(charge.captured).toBe(true);
    expect(charge.payment_method_details?.card?.last4).toBe('4242');
  });

  it('records the events of a card payment', async () => {
    const { intent } = await paidSession();
    const events = await stripe.events.list({ limit: 100 });
    const forIntent = events.data.filter((event) => {
      const object = event.data.object as { id: string; payment_intent?: unknown };
      return object.id === intent.id || object.payment_intent === intent.id;
    });
    expect(forIntent.map((event) => event.type).sort()).toEqual(
      [
        'charge.succeeded',
        'checkout.session.completed',
        'payment_intent.created',
        'payment_intent.succeeded',
      ].sort(),
    );
  });

  it('shows the decline message and keeps the session open for another try', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const declined = await payOnHostedPage(session, '4000000000009995');
    expect(declined.status).toBe(402);
    expect(declined.html).toContain('Your card has insufficient funds.');
    const open = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent'],
    });
    expect(open.status).toBe('open');
    const intent = open.payment_intent as Stripe.PaymentIntent;
    expect(intent.status).toBe('requires_payment_method');
    expect(intent.last_payment_error?.decline_code).toBe('insufficient_funds');
    const retry = await payOnHostedPage(session, '4242424242424242');
    expect(retry.status).toBe(303);
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    expect(paid.payment_intent).toBe(intent.id);
    expect(paid.payment_status).toBe('paid');
  });

  it('refuses a card number that fails the Luhn check without charging', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const attempt = await payOnHostedPage(session, '4242424242424241');
    expect(attempt.html).toContain('Your card number is incorrect.');
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_intent).toBeNull();
  });

  it('pays after a completed 3D Secure challenge', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const first = await payOnHostedPage(session, '4000002760003184');
    expect(first.location).toBe(`/c/pay/${session.id}/3ds`);
    const pending = await stripe.paymentIntents.retrieve(
      String((await stripe.checkout.sessions.retrieve(session.id)).payment_intent),
    );
    expect(pending.status).toBe('requires_action');
    const done = await answerChallenge(session, 'complete');
    expect(done.status).toBe(303);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('complete');
  });

  it('fails a payment whose 3D Secure challenge fails', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    await payOnHostedPage(session, '4000002760003184');
    const failed = await answerChallenge(session, 'fail');
    expect(failed.html).toContain('We are unable to authenticate your payment method.');
    const open = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent'],
    });
    expect(open.status).toBe('open');
    expect((open.payment_intent as Stripe.PaymentIntent).last_payment_error?.code).toBe(
      'payment_intent_authentication_failure',
    );
  });

  it('shows a completed session page after payment', async () => {
    const { session } = await paidSession();
    const html = await (await fetch(`${emulator.url}/c/pay/${session.id}`)).text();
    expect(html).toContain('This checkout session is complete');
  });
});

describe('declines over the API', () => {
  it('raises StripeCardError with the decline code', async () => {
    const error = await caught(
      stripe.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        payment_method: 'pm_card_chargeDeclined',
        confirm: true,
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error.statusCode).toBe(402);
    expect(error.code).toBe('card_declined');
    expect(error.decline_code).toBe('generic_decline');
  });
});

describe('capturing and cancelling authorisations', () => {
  const manual = {
    payment_intent_data: { capture_method: 'manual' as const, metadata: { order_id: '7' } },
  };

  it('only authorises when capture_method is manual', async () => {
    const { session, intent } = await paidSession('4242424242424242', manual);
    expect(session.status).toBe('complete');
    expect(intent.status).toBe('requires_capture');
    expect(intent.amount_capturable).toBe(5500);
    expect((intent.latest_charge as Stripe.Charge).captured).toBe(false);
  });

  it('captures part of an authorisation and releases the rest', async () => {
    const { intent } = await paidSession('4242424242424242', manual);
    const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 3000 });
    expect(captured.status).toBe('succeeded');
    expect(captured.amount_received).toBe(3000);
    expect(captured.amount_capturable).toBe(0);
    const charge = await stripe.charges.retrieve(String(captured.latest_charge));
    expect(charge.captured).toBe(true);
    expect(charge.amount_captured).toBe(3000);
  });

  it('refuses to capture more than was authorised, or twice', async () => {
    const { intent } = await paidSession('4242424242424242', manual);
    expect(
      (await caught(stripe.paymentIntents.capture(intent.id, { amount_to_capture: 9999 }))).param,
    ).toBe('amount_to_capture');
    await stripe.paymentIntents.capture(intent.id);
    const twice = await caught(stripe.paymentIntents.capture(intent.id));
    expect(twice.code).toBe('payment_intent_unexpected_state');
  });

  it('cancels an authorisation', async () => {
    const { intent } = await paidSession('4242424242424242', manual);
    const canceled = await stripe.paymentIntents.cancel(intent.id, {
      cancellation_reason: 'requested_by_customer',
    });
    expect(canceled.status).toBe('canceled');
    expect(canceled.cancellation_reason).toBe('requested_by_customer');
    expect((await caught(stripe.paymentIntents.cancel(intent.id))).code).toBe(
      'payment_intent_unexpected_state',
    );
  });

  it('lets an authorisation lapse, as after 7 days, through the control API', async () => {
    const { intent } = await paidSession('4242424242424242', manual);
    await control(emulator, 'POST', `/payment_intents/${intent.id}/expire-authorization`);
    const lapsed = await stripe.paymentIntents.retrieve(intent.id);
    expect(lapsed.status).toBe('canceled');
    expect(lapsed.cancellation_reason).toBe('automatic');
  });
});

describe('refunds', () => {
  it('refunds in parts until nothing remains, then refuses', async () => {
    const { intent } = await paidSession();
    const first = await stripe.refunds.create({
      payment_intent: intent.id,
      amount: 2000,
      reason: 'requested_by_customer',
    });
    expect(first.status).toBe('succeeded');
    let charge = await stripe.charges.retrieve(
      String(intent.latest_charge && (intent.latest_charge as Stripe.Charge).id),
    );
    expect(charge.amount_refunded).toBe(2000);
    expect(charge.refunded).toBe(false);
    const tooMuch = await caught(
      stripe.refunds.create({ payment_intent: intent.id, amount: 3501 }),
    );
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch.param).toBe('amount');
    const rest = await stripe.refunds.create({ charge: charge.id });
    expect(rest.amount).toBe(3500);
    charge = await stripe.charges.retrieve(charge.id);
    expect(charge.refunded).toBe(true);
    expect((await caught(stripe.refunds.create({ charge: charge.id }))).code).toBe(
      'charge_already_refunded',
    );
  });

  it('retrieves and lists refunds of a payment', async () => {
    const { intent } = await paidSession();
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 500 });
    expect((await stripe.refunds.retrieve(refund.id)).amount).toBe(500);
    const listed = await stripe.refunds.list({ payment_intent: intent.id });
    expect(listed.data.map((r) => r.id)).toEqual([refund.id]);
  });

  it('settles a pending refund later with refund.updated, or now through the control API', async () => {
    const { intent } = await paidSession('4000000000007726');
    const refund = await stripe.refunds.create({ payment_intent: intent.id });
    expect(refund.status).toBe('pending');
    const settled = await control<{ data: Stripe.Refund[] }>(emulator, 'POST', '/refunds/settle', {
      refund: refund.id,
    });
    expect(settled.data.map((r) => [r.id, r.status])).toEqual([[refund.id, 'succeeded']]);
    expect((await stripe.refunds.retrieve(refund.id)).status).toBe('succeeded');
    const updated = await stripe.events.list({ type: 'refund.updated' });
    expect(updated.data.map((event) => (event.data.object as Stripe.Refund).id)).toContain(
      refund.id,
    );
  });

  it('fails a refund on request through the control API', async () => {
    const { intent } = await paidSession();
    const chargeId = (intent.latest_charge as Stripe.Charge).id;
    const refund = await stripe.refunds.create({ charge: chargeId });
    await control(emulator, 'POST', `/charges/${chargeId}/fail-refund`, {});
    expect((await stripe.refunds.retrieve(refund.id)).status).toBe('failed');
    expect((await stripe.charges.retrieve(chargeId)).amount_refunded).toBe(0);
    const failed = await stripe.events.list({ type: 'refund.failed' });
    expect(failed.data.map((event) => (event.data.object as Stripe.Refund).id)).toContain(
      refund.id,
    );
  });
});

describe('disputes', () => {
  it('opens a fraudulent dispute for the dispute test card', async () => {
    const { intent } = await paidSession('4000000000000259');
    const events = await stripe.events.list({ type: 'charge.dispute.*' });
    const dispute = events.data
      .map((event) => event.data.object as Stripe.Dispute)
      .find((d) => d.payment_intent === intent.id);
    expect(dispute).toBeDefined();
    const retrieved = await stripe.disputes.retrieve(String(dispute?.id), { expand: ['charge'] });
    expect(retrieved.reason).toBe('fraudulent');
    expect(retrieved.status).toBe('needs_response');
    expect((retrieved.charge as Stripe.Charge).disputed).toBe(true);
  });

  it('opens and closes a dispute through the control API', async () => {
    const { intent } = await paidSession();
    const chargeId = (intent.latest_charge as Stripe.Charge).id;
    const opened = await control<Stripe.Dispute>(emulator, 'POST', `/charges/${chargeId}/dispute`, {
      reason: 'product_not_received',
    });
    await control(emulator, 'POST', `/disputes/${opened.id}/close`, { status: 'lost' });
    expect((await stripe.disputes.retrieve(opened.id)).status).toBe('lost');
  });
});
