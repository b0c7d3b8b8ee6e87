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
import { customerDetails, type PayResult } from './payment-flow';
import { outcomeOf } from './test-cards';

export function confirmSetup(
  ctx: EmulatorContext,
  record: SessionRecord,
  card: CardUsed,
): PayResult {
  const { session } = record;
  const intent = setupIntentFor(ctx, record);
  const method = newCardPaymentMethod(ctx, card);
  intent.payment_method = method.id;
  const outcome = outcomeOf(card.number);
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
    return { kind: 'declined', message: outcome.message };
  }
  // 3D Secure cards are set up without a challenge page in setup mode (see README).
  const customer = customerForSession(ctx, record, card);
  if (customer) {
    intent.customer = customer.id;
    // UNCONFIRMED: a card saved through setup mode is redisplayed in later Checkout Sessions.
    attachPaymentMethod(ctx, method, customer.id, undefined, 'always');
  }
  intent.status = 'succeeded';
  intent.last_setup_error = null;
  ctx.emit('setup_intent.succeeded', intent);

  session.status = 'complete';
  session.url = null;
  session.customer_details = customerDetails(session, card);
  const completed = ctx.emit('checkout.session.completed', session);
  return { kind: 'completed', completedEventId: completed.id };
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
