// A Checkout Session paid by SEPA Direct Debit, a delayed notification method
// (docs.stripe.com/payments/sepa-debit/accept-a-payment?payment-ui=checkout): the session completes
// at once with payment_status `unpaid` while the PaymentIntent is `processing`, and the debit's
// outcome arrives later as checkout.session.async_payment_succeeded or _failed. Stripe takes
// days; the emulator settles it DEBIT_SETTLE_SECONDS later, or at once through the control API.
import type Stripe from 'stripe';
import { recordCharge } from '../balance/ledger';
import type { EmulatorContext } from '../context';
import { newDebitCharge } from '../resources/charges';
import { customerForSession } from '../resources/checkout-customers';
import { newPaymentIntent, paymentIntentForSession } from '../resources/payment-intents';
import type { SessionRecord } from '../state';
import { completeSession, type PayResult } from './payment-flow';
import { debitOutcome } from './test-bank-accounts';

export const DEBIT_SETTLE_SECONDS = 5;

export function confirmDebit(
  ctx: EmulatorContext,
  record: SessionRecord,
  method: Stripe.PaymentMethod,
): PayResult {
  const { session } = record;
  const email = method.billing_details.email ?? '';
  const name = method.billing_details.name ?? '';
  const card = { number: '', expMonth: 0, expYear: 0, email, name };
  const customer = customerForSession(ctx, record, card);
  const intent = newPaymentIntent(ctx, paymentIntentForSession(record));
  intent.customer = customer?.id ?? intent.customer;
  intent.payment_method = method.id;
  intent.payment_method_types = ['sepa_debit'];
  intent.payment_method_options = { sepa_debit: {} };
  session.payment_intent = intent.id;
  ctx.emit('payment_intent.created', intent);

  const charge = newDebitCharge(ctx, intent, method);
  intent.latest_charge = charge.id;
  intent.status = 'processing';
  ctx.emit('charge.pending', charge);
  ctx.emit('payment_intent.processing', intent);

  return completeSession(ctx, record, card, 'unpaid');
}

/** The bank's answer for every debit `isDue` picks: paid, or failed (the IBAN decides). */
export function settleDebits(
  ctx: EmulatorContext,
  isDue: (charge: Stripe.Charge) => boolean,
): Stripe.PaymentIntent[] {
  const settled: Stripe.PaymentIntent[] = [];
  for (const intent of ctx.state.paymentIntents.values()) {
    if (intent.status !== 'processing' || typeof intent.latest_charge !== 'string') continue;
    const charge = ctx.state.charges.get(intent.latest_charge);
    if (!charge || charge.status !== 'pending' || !isDue(charge)) continue;
    const iban = ctx.state.paymentMethodIbans.get(String(intent.payment_method)) ?? '';
    if (debitOutcome(iban) === 'succeeds') succeed(ctx, intent, charge);
    else fail(ctx, intent, charge);
    settled.push(intent);
  }
  return settled;
}

function succeed(ctx: EmulatorContext, intent: Stripe.PaymentIntent, charge: Stripe.Charge): void {
  charge.status = 'succeeded';
  charge.paid = true;
  recordCharge(ctx, charge);
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  ctx.emit('charge.succeeded', charge);
  ctx.emit('payment_intent.succeeded', intent);
  const record = sessionOf(ctx, intent);
  if (!record) return;
  record.session.payment_status = 'paid';
  ctx.emit('checkout.session.async_payment_succeeded', record.session);
}

// UNCONFIRMED failure code and message: Stripe reports the bank's reason, commonly insufficient funds.
function fail(ctx: EmulatorContext, intent: Stripe.PaymentIntent, charge: Stripe.Charge): void {
  const message = 'The customer’s bank account has insufficient funds to cover this payment.';
  charge.status = 'failed';
  charge.amount_captured = 0;
  charge.captured = false;
  charge.failure_code = 'insufficient_funds';
  charge.failure_message = message;
  intent.status = 'requires_payment_method';
  intent.last_payment_error = {
    charge: charge.id,
    code: 'insufficient_funds',
    message,
    type: 'invalid_request_error',
  };
  ctx.emit('charge.failed', charge);
  ctx.emit('payment_intent.payment_failed', intent);
  const record = sessionOf(ctx, intent);
  if (record) ctx.emit('checkout.session.async_payment_failed', record.session);
}

function sessionOf(ctx: EmulatorContext, intent: Stripe.PaymentIntent): SessionRecord | undefined {
  for (const record of ctx.state.sessions.values())
    if (record.session.payment_intent === intent.id) return record;
  return undefined;
}
