// What real time does to the account, checked every second: sessions expire at their expires_at,
// uncaptured authorisations lapse, refunds and bank debits settle, subscriptions of customers on
// no test clock renew, expired test clocks go, funds become available and are paid out. None of
// it waits for a clock: the control API runs each one now for a given object
// (control/schedules.ts), and test clocks move their own customers' billing.
import { applyDueRenewals } from './billing/renewal';
import type { EmulatorContext } from './context';
import { applyPayoutSchedule } from './payouts';
import { DEBIT_SETTLE_SECONDS, settleDebits } from './payments/debit-flow';
import { expireSession } from './resources/checkout-sessions';
import { cancelPaymentIntent } from './resources/payment-intents';
import { REFUND_SETTLE_SECONDS, settleRefunds } from './resources/refunds';
import { deleteExpiredTestClocks } from './resources/test-clocks';

// Card authorisations lapse after 7 days; Stripe then cancels the PaymentIntent automatically.
export const AUTHORISATION_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

export function applyTimePassing(ctx: EmulatorContext): void {
  const now = ctx.clock.accountNow();
  for (const record of ctx.state.sessions.values()) {
    if (record.session.status === 'open' && record.session.expires_at <= now)
      expireSession(ctx, record);
  }
  for (const intent of ctx.state.paymentIntents.values()) {
    if (
      intent.status === 'requires_capture' &&
      intent.created + AUTHORISATION_LIFETIME_SECONDS <= now
    ) {
      cancelPaymentIntent(ctx, intent, 'automatic');
    }
  }
  settleRefunds(ctx, (refund) => refund.created + REFUND_SETTLE_SECONDS <= now);
  settleDebits(ctx, (charge) => charge.created + DEBIT_SETTLE_SECONDS <= now);
  applyDueRenewals(ctx);
  deleteExpiredTestClocks(ctx);
  applyPayoutSchedule(ctx);
}
