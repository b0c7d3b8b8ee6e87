// Transitions that happen because time passed, run on a timer and after every clock advance.
import { applyRenewals } from './billing/renewal';
import type { EmulatorContext } from './context';
import { cancelPaymentIntent } from './resources/payment-intents';
import { expireSession } from './resources/checkout-sessions';
import { settleRefunds } from './resources/refunds';

// Card authorisations lapse after 7 days; Stripe then cancels the PaymentIntent automatically.
const AUTHORISATION_LIFETIME = 7 * 24 * 60 * 60;

export function applyTimePassing(ctx: EmulatorContext): void {
  const now = ctx.clock.now();
  for (const record of ctx.state.sessions.values()) {
    if (record.session.status === 'open' && record.session.expires_at <= now)
      expireSession(ctx, record);
  }
  for (const intent of ctx.state.paymentIntents.values()) {
    if (intent.status === 'requires_capture' && intent.created + AUTHORISATION_LIFETIME <= now) {
      cancelPaymentIntent(ctx, intent, 'automatic');
    }
  }
  settleRefunds(ctx);
  applyRenewals(ctx);
}
