// The account's schedules, run now for the object named instead of when real time gets there:
// what a test would otherwise wait minutes, days or a payout cycle for. Each does exactly what
// time would do (time-passing.ts), with the same events.
import { makeAvailable } from '../balance/ledger';
import type { EmulatorContext } from '../context';
import { settleDebits } from '../payments/debit-flow';
import { runPayoutSchedule, settlePayouts } from '../payouts';
import { expireSession, findSession } from '../resources/checkout-sessions';
import { cancelPaymentIntent, findPaymentIntent } from '../resources/payment-intents';
import { settleRefunds } from '../resources/refunds';
import { ControlError, type Json } from './control-error';

/** The answer to a schedule route, or undefined when `key` is not one. */
export function scheduleRoute(ctx: EmulatorContext, key: string, id: string, input: Json): unknown {
  switch (key) {
    case 'POST /checkout/sessions/:id/expire': {
      // As at its expires_at: checkout.session.expired, caused by no API request.
      const record = findSession(ctx, id);
      if (record.session.status !== 'open') {
        throw new ControlError(400, `Session ${id} is ${record.session.status}, not open.`);
      }
      expireSession(ctx, record);
      return record.session;
    }
    case 'POST /payment_intents/:id/expire-authorization': {
      // As 7 days after authorisation: the uncaptured PaymentIntent is canceled (`automatic`).
      const intent = findPaymentIntent(ctx, id);
      if (intent.status !== 'requires_capture') {
        throw new ControlError(
          400,
          `PaymentIntent ${id} is ${intent.status}, not requires_capture.`,
        );
      }
      cancelPaymentIntent(ctx, intent, 'automatic');
      return intent;
    }
    case 'POST /refunds/settle': {
      const only = typeof input.refund === 'string' ? input.refund : undefined;
      return { data: settleRefunds(ctx, (refund) => only === undefined || refund.id === only) };
    }
    case 'POST /debits/settle':
      // The bank's answer to every debit still processing, instead of DEBIT_SETTLE_SECONDS later.
      return { data: settleDebits(ctx, () => true) };
    case 'POST /balance/make-available':
      // As when the clock reaches `until` (default: every pending transaction's available_on).
      return { data: makeAvailable(ctx, timeOf(input.until)) };
    case 'POST /payouts/run':
      return runPayoutSchedule(ctx, timeOf(input.until));
    case 'POST /payouts/settle': {
      // In-transit payouts reach the bank now instead of on their arrival_date: paid or failed.
      const only = typeof input.payout === 'string' ? input.payout : undefined;
      return { data: settlePayouts(ctx, (payout) => only === undefined || payout.id === only) };
    }
    default:
      return undefined;
  }
}

/** A unix time from the control API, or "whenever": every pending fund is due. */
function timeOf(value: unknown): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ControlError(400, '`until` must be a unix time in seconds.');
  return value;
}
