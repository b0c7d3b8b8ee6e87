// The account's schedules, run now for the object named instead of when real time gets there:
// what a test would otherwise wait minutes, days or a payout cycle for. Each does exactly what
// time would do (time-passing.ts), with the same events.
import type { EmulatorContext } from '../context';
import { settleDebits } from '../payments/debit-flow';
import { runPayoutSchedule } from '../payouts';
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
    case 'POST /payouts/run':
      return runPayoutSchedule(ctx);
    default:
      return undefined;
  }
}
