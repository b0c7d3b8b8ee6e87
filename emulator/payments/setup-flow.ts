// What "Save card" does on a setup-mode hosted page: no charge; the card is checked (a declining
// test card fails the setup as Stripe's $0 authorisation would), its PaymentMethod is attached to
// the customer, the SetupIntent succeeds and the session completes with `setup_intent` set.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import type { CardUsed } from '../resources/charges';
import { customerForSession } from '../resources/checkout-customers';
import { attachPaymentMethod, newCardPaymentMethod } from '../resources/payment-methods';
import { newSetupIntent } from '../resources/setup-intents';
import type { SessionRecord } from '../state';
import { completeSession, type PayResult } from './payment-flow';
import { outcomeOf, type CardOutcome } from './test-cards';

export function confirmSetup(
  ctx: EmulatorContext,
  record: SessionRecord,
  card: CardUsed,
): PayResult {
  const intent = setupIntentFor(ctx, record);
  const method = newCardPaymentMethod(ctx, card);
  // 3D Secure cards are set up without a challenge page in setup mode (see README).
  const failure = setUp(ctx, intent, method, card.number, () => {
    // Only a card that passes makes Checkout create the customer (customer_creation=always).
    const customer = customerForSession(ctx, record, card);
    if (customer) intent.customer = customer.id;
  });
  if (failure) return { kind: 'declined', message: failure.message };

  return completeSession(ctx, record, card, 'no_payment_required');
}

/**
 * The card check a SetupIntent makes (Stripe's $0 authorisation): a declining test card fails
 * it (setup_intent.setup_failed, `requires_payment_method`); otherwise the PaymentMethod is
 * attached to the intent's customer, if any, and the intent succeeds. Returns the decline, if any.
 */
export function setUp(
  ctx: EmulatorContext,
  intent: Stripe.SetupIntent,
  method: Stripe.PaymentMethod,
  cardNumber: string,
  beforeSuccess: () => void = () => undefined,
): Extract<CardOutcome, { kind: 'decline' }> | null {
  intent.payment_method = method.id;
  const outcome = outcomeOf(cardNumber);
  if (outcome.kind === 'decline') {
    intent.status = 'requires_payment_method';
    intent.last_setup_error = {
      code: outcome.code as Stripe.SetupIntent.LastSetupError.Code,
      ...(outcome.declineCode ? { decline_code: outcome.declineCode } : {}),
      doc_url: `https://stripe.com/docs/error-codes/${outcome.code.replace(/_/g, '-')}`,
      message: outcome.message,
      payment_method: method,
      type: 'card_error',
    };
    ctx.emit('setup_intent.setup_failed', intent);
    return outcome;
  }
  beforeSuccess();
  if (typeof intent.customer === 'string') {
    // UNCONFIRMED: a card saved through setup mode is redisplayed in later Checkout Sessions.
    attachPaymentMethod(ctx, method, intent.customer, undefined, 'always');
  }
  intent.status = 'succeeded';
  intent.last_setup_error = null;
  ctx.emit('setup_intent.succeeded', intent);
  return null;
}

function setupIntentFor(ctx: EmulatorContext, record: SessionRecord): Stripe.SetupIntent {
  const { session } = record;
  const existing =
    typeof session.setup_intent === 'string'
      ? ctx.state.setupIntents.get(session.setup_intent)
      : undefined;
  if (existing) return existing;
  const intent = newSetupIntent(
    ctx,
    typeof session.customer === 'string' ? session.customer : null,
    record.createdObjectSettings ?? { metadata: {}, description: null },
  );
  session.setup_intent = intent.id;
  return intent;
}
