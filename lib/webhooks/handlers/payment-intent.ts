import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import type { OrderFact } from '@/lib/orders/state';
import { applyOrderFact } from '@/lib/orders/transition';
import type { HandledEvent, WebhookHandler } from '@/lib/webhooks/handler';
import {
  applyToPaymentOrder,
  eventTime,
  ignoredAsNotAnOrderPayment,
} from '@/lib/webhooks/payment-event';

/** Applies `fact` to the order the PaymentIntent pays, with `detail` on its timeline row. */
function applyToIntentOrder(
  tx: Executor,
  event: { id: string; created: number },
  intent: Stripe.PaymentIntent,
  fact: OrderFact | null,
  detail: Record<string, unknown>,
  options: { needsPaymentApplied?: boolean } = {},
): Promise<HandledEvent> {
  return applyToPaymentOrder(
    tx,
    event,
    { paymentIntentId: intent.id, orderId: intent.metadata?.order_id ?? null },
    async (order) => ({
      transition: await applyOrderFact(
        tx,
        order,
        fact,
        { stripeEventId: event.id, actor: 'stripe' },
        { detail: { paymentIntentId: intent.id, ...detail } },
      ),
    }),
    options,
  );
}

/** Manual capture: the card is authorised and the amount held, waiting for an admin to capture. */
export const paymentIntentAmountCapturableUpdated: WebhookHandler<
  'payment_intent.amount_capturable_updated'
> = async (tx, event) => {
  const intent = event.data.object;
  const isHeld = intent.status === 'requires_capture' && intent.amount_capturable > 0;
  return applyToIntentOrder(
    tx,
    event,
    intent,
    isHeld
      ? { kind: 'payment_authorized', paymentIntentId: intent.id, amount: intent.amount }
      : null,
    { amountCapturable: intent.amount_capturable },
  );
};

/**
 * The money was taken. For an authorised order that is its capture (by /admin or in Stripe's
 * Dashboard), for amount_received. An automatic-capture order is settled by its session's events.
 */
export const paymentIntentSucceeded: WebhookHandler<'payment_intent.succeeded'> = async (
  tx,
  event,
) => {
  const intent = event.data.object;
  return (
    ignoredAsNotAnOrderPayment(intent) ??
    applyToIntentOrder(
      tx,
      event,
      intent,
      { kind: 'payment_captured', at: eventTime(event), amountCaptured: intent.amount_received },
      { amountReceived: intent.amount_received },
      { needsPaymentApplied: true },
    )
  );
};

/**
 * The authorisation was canceled (by /admin, in Stripe's Dashboard, or lapsed after 7 days): the
 * order is canceled and its reserved stock goes back on sale.
 */
export const paymentIntentCanceled: WebhookHandler<'payment_intent.canceled'> = async (
  tx,
  event,
) => {
  const intent = event.data.object;
  return (
    ignoredAsNotAnOrderPayment(intent) ??
    applyToIntentOrder(
      tx,
      event,
      intent,
      { kind: 'payment_canceled' },
      {
        cancellationReason: intent.cancellation_reason,
      },
    )
  );
};
