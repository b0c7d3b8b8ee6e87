// What happens when the customer presses "Pay" on the hosted page, per the reference's event
// sequences: the PaymentIntent is created on the first confirmation; a decline leaves the session
// open for another try; success charges (or only authorises, with capture_method=manual),
// completes the session, and records the events in the order Stripe usually sends them.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { newCharge, type CardUsed } from '../resources/charges';
import { customerForSession } from '../resources/checkout-customers';
import { openDispute } from '../resources/disputes';
import { raiseEarlyFraudWarning } from '../resources/early-fraud-warnings';
import { newPaymentIntent, paymentIntentForSession } from '../resources/payment-intents';
import { attachPaymentMethod, newCardPaymentMethod } from '../resources/payment-methods';
import type { SessionRecord } from '../state';
import {
  collectedShipping,
  completePaymentSession,
  customerDetailsFor,
} from './checkout-completion';
import { DECLINE_MESSAGES, outcomeOf } from './test-cards';

export type PayResult =
  | { kind: 'completed'; completedEventId: string }
  | { kind: 'declined'; message: string }
  | { kind: 'challenge' };

/** The card the customer chose: a saved PaymentMethod, or a typed card and whether to save it. */
export interface CardChoice {
  card: CardUsed;
  savedPaymentMethod: Stripe.PaymentMethod | null;
  save: boolean;
}

export function confirmCard(
  ctx: EmulatorContext,
  record: SessionRecord,
  choice: CardChoice,
): PayResult {
  const { card } = choice;
  const intent = intentFor(ctx, record);
  // Checkout makes a PaymentMethod of every card typed; a saved card is used as it is.
  const method = choice.savedPaymentMethod ?? newCardPaymentMethod(ctx, card);
  intent.payment_method = method.id;
  record.saveCard = choice.save;
  const outcome = outcomeOf(card.number);
  switch (outcome.kind) {
    case 'decline':
      return decline(ctx, intent, card, outcome.code, outcome.message, outcome.declineCode);
    case 'challenge':
      intent.status = 'requires_action';
      intent.next_action = {
        type: 'redirect_to_url',
        redirect_to_url: { url: `${ctx.baseUrl}/c/pay/${record.session.id}/3ds`, return_url: null },
      };
      record.pendingChallenge = {
        cardNumber: card.number,
        expMonth: card.expMonth,
        expYear: card.expYear,
        email: card.email,
        name: card.name,
      };
      ctx.emit('payment_intent.requires_action', intent);
      return { kind: 'challenge' };
    default:
      return succeed(ctx, record, intent, card);
  }
}

export function resolveChallenge(
  ctx: EmulatorContext,
  record: SessionRecord,
  authenticated: boolean,
): PayResult {
  const pending = record.pendingChallenge;
  record.pendingChallenge = null;
  const intent = intentFor(ctx, record);
  if (!pending) return { kind: 'declined', message: DECLINE_MESSAGES.authentication_failure };
  const card: CardUsed = {
    number: pending.cardNumber,
    expMonth: pending.expMonth,
    expYear: pending.expYear,
    email: pending.email,
    name: pending.name,
  };
  intent.next_action = null;
  if (!authenticated) {
    intent.status = 'requires_payment_method';
    intent.last_payment_error = {
      code: 'payment_intent_authentication_failure',
      doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
      message: DECLINE_MESSAGES.authentication_failure,
      type: 'invalid_request_error',
    };
    ctx.emit('payment_intent.payment_failed', intent);
    return { kind: 'declined', message: DECLINE_MESSAGES.authentication_failure };
  }
  const outcome = outcomeOf(card.number);
  if (outcome.kind === 'challenge' && outcome.afterChallenge === 'decline') {
    return decline(
      ctx,
      intent,
      card,
      'card_declined',
      DECLINE_MESSAGES.generic_decline,
      'generic_decline',
    );
  }
  return succeed(ctx, record, intent, card);
}

function intentFor(ctx: EmulatorContext, record: SessionRecord): Stripe.PaymentIntent {
  const existing =
    typeof record.session.payment_intent === 'string'
      ? ctx.state.paymentIntents.get(record.session.payment_intent)
      : undefined;
  const intent = existing ?? newPaymentIntent(ctx, paymentIntentForSession(record));
  // The customer may have changed the shipping rate, code or address since a declined try: the
  // intent asks for the session's current total and ships where the page says.
  intent.amount = record.session.amount_total ?? intent.amount;
  intent.shipping = collectedShipping(record) ?? intent.shipping;
  if (existing) return existing;
  record.session.payment_intent = intent.id;
  ctx.emit('payment_intent.created', intent);
  return intent;
}

export function decline(
  ctx: EmulatorContext,
  intent: Stripe.PaymentIntent,
  card: CardUsed,
  code: string,
  message: string,
  declineCode?: string,
): PayResult {
  const charge = newCharge(ctx, intent, card, { status: 'failed', code, declineCode, message });
  intent.latest_charge = charge.id;
  intent.status = 'requires_payment_method';
  intent.last_payment_error = {
    charge: charge.id,
    code: code as Stripe.PaymentIntent.LastPaymentError.Code,
    ...(declineCode ? { decline_code: declineCode } : {}),
    doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
    message,
    type: 'card_error',
  };
  ctx.emit('charge.failed', charge);
  ctx.emit('payment_intent.payment_failed', intent);
  return { kind: 'declined', message };
}

/** Charges the card, or only authorises it with capture_method=manual, and records the events. */
export function authorise(
  ctx: EmulatorContext,
  intent: Stripe.PaymentIntent,
  card: CardUsed,
): Stripe.Charge {
  const charge = newCharge(ctx, intent, card, { status: 'succeeded' });
  const manual = intent.capture_method === 'manual';
  intent.latest_charge = charge.id;
  intent.last_payment_error = null;
  intent.next_action = null;
  if (manual) {
    intent.status = 'requires_capture';
    intent.amount_capturable = intent.amount;
  } else {
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
  }
  ctx.emit('charge.succeeded', charge);
  if (manual) ctx.emit('payment_intent.amount_capturable_updated', intent);
  else ctx.emit('payment_intent.succeeded', intent);
  const kind = outcomeOf(card.number).kind;
  if (kind === 'dispute') openDispute(ctx, charge, 'fraudulent');
  // Card 1976 opens an inquiry: the issuer asks before it disputes (warning_needs_response).
  if (kind === 'inquiry') openDispute(ctx, charge, 'fraudulent', 'warning_needs_response');
  if (kind === 'early-fraud-warning') raiseEarlyFraudWarning(ctx, charge);
  return charge;
}

function succeed(
  ctx: EmulatorContext,
  record: SessionRecord,
  intent: Stripe.PaymentIntent,
  card: CardUsed,
): PayResult {
  const customer = customerForSession(ctx, record, card);
  if (customer && intent.customer === null) intent.customer = customer.id;
  authorise(ctx, intent, card);
  const manual = intent.capture_method === 'manual';
  const method =
    typeof intent.payment_method === 'string'
      ? ctx.state.paymentMethods.get(intent.payment_method)
      : undefined;
  // "Save card for future purchases" ticked: the card joins the customer's saved cards.
  if (customer && method && record.saveCard && method.customer === null) {
    attachPaymentMethod(ctx, method, customer.id, undefined, 'always');
  }

  // UNCONFIRMED: with manual capture nothing has been collected yet, so the session reports
  // `unpaid` until capture; the PaymentIntent's `requires_capture` status is the authoritative fact.
  return completeSession(ctx, record, card, manual ? 'unpaid' : 'paid');
}

/** The session is done (checkout.session.completed): what the customer typed, and how it paid. */
export function completeSession(
  ctx: EmulatorContext,
  record: SessionRecord,
  card: Pick<CardUsed, 'email' | 'name'>,
  paymentStatus: Stripe.Checkout.Session.PaymentStatus,
): PayResult {
  const { session } = record;
  session.status = 'complete';
  session.payment_status = paymentStatus;
  session.url = null;
  session.customer_details = customerDetailsFor(record, card);
  completePaymentSession(ctx, record, paymentStatus === 'paid');
  const completed = ctx.emit('checkout.session.completed', session);
  return { kind: 'completed', completedEventId: completed.id };
}
