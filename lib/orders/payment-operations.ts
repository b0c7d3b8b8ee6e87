import type { Outcome } from '@/lib/platform/action-state';
import { and, eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { db, type Executor } from '@/db/client';
import { orderEvents, orders, type Order } from '@/db/schema';
import { recordAudit, type AuditActor } from '@/lib/platform/audit-log';
import { afterCommit, effectsOf } from '@/lib/orders/after-commit';
import { formatMoney } from '@/lib/money';
import { isMoneyTaken, refundableAmountOf, type OrderFact } from '@/lib/orders/state';
import { applyOrderFact, type TransitionResult } from '@/lib/orders/transition';
import { lockOrderById, recordOrderEvent } from '@/lib/orders/record';
import { recordRefund, refundCountOf, refundReportOf } from '@/lib/orders/refunds';
import { stripe } from '@/lib/stripe';

/**
 * What /admin does to a payment after checkout: refund, capture, cancel. Each asks Stripe first
 * (with an idempotency key derived from our data), then records the answer under the order's row
 * lock: the change through the same state machine and refund ledger the webhooks use, a timeline
 * row and an audit row. The webhook that follows finds the change already made and does nothing.
 */

export type RefundReason = 'requested_by_customer' | 'duplicate' | 'fraudulent';

/**
 * Refunds `amount` (default: all that is left). The idempotency key is the order plus the number of
 * refunds it has had: two clicks sent together share it and refund once, while a second deliberate
 * partial refund comes after the first is recorded and gets its own. `requestId` (one per rendered
 * form) makes any repeat of the same request refund once, however late it comes.
 */
export async function refundOrder(
  orderId: string,
  input: { amount?: number; reason: RefundReason; actor: AuditActor; requestId?: string },
): Promise<Outcome> {
  const order = await findOrder(orderId);
  if (!order) return fail('That order does not exist.');
  if (!isMoneyTaken(order.status) || order.status === 'refunded' || !order.stripePaymentIntentId)
    return fail(`Order ${order.number} is ${order.status}: only paid orders can be refunded.`);
  const remaining = refundableAmountOf(order);
  const amount = input.amount ?? remaining;
  if (!Number.isInteger(amount) || amount <= 0)
    return fail('The refund amount must be a positive amount in the order’s currency.');
  if (amount > remaining) {
    return fail(
      `Cannot refund ${money(order, amount)}: only ${money(order, remaining)} of order ${order.number} is left to refund.`,
    );
  }

  const attempt = input.requestId ?? String(await refundCountOf(db(), order.id));
  let refund: Stripe.Refund;
  try {
    refund = await stripe().refunds.create(
      {
        payment_intent: order.stripePaymentIntentId,
        amount,
        reason: input.reason,
        metadata: { order_id: order.id, actor: input.actor.email },
      },
      { idempotencyKey: `refund:${order.id}:${attempt}:${amount}:${input.reason}` },
    );
  } catch (error) {
    return stripeFailure(error, `refund order ${order.number}`);
  }

  const result = await recordOperation(order.id, input.actor, async (tx, locked) => {
    const recorded = await recordRefund(tx, locked, refundReportOf(refund, new Date()), {
      actor: input.actor.email,
    });
    return {
      transition: recorded.transition,
      queuedEmailIds: recorded.queuedEmailIds,
      request: {
        kind: 'refund_requested',
        detail: { refundId: refund.id, amount, reason: input.reason, status: refund.status },
        key: refund.id,
      },
    };
  });
  if (!result) return fail('That order does not exist.');
  const what = `${money(order, amount)} of order ${order.number}`;
  return refund.status === 'succeeded'
    ? { ok: true, message: `Refunded ${what}.` }
    : { ok: true, message: `Refund of ${what} requested; Stripe reports it ${refund.status}.` };
}

/** Captures an authorised payment, in full or `amount` of it (the rest of the hold is released). */
export async function captureOrder(
  orderId: string,
  input: { amount?: number; actor: AuditActor },
): Promise<Outcome> {
  const order = await findOrder(orderId);
  if (!order) return fail('That order does not exist.');
  if (order.status !== 'authorized' || !order.stripePaymentIntentId)
    return fail(
      `Order ${order.number} is ${order.status}: only authorized orders can be captured.`,
    );
  const amount = input.amount ?? order.amountTotal;
  if (!Number.isInteger(amount) || amount <= 0 || amount > order.amountTotal) {
    return fail(
      `The amount to capture must be between ${money(order, 1)} and ${money(order, order.amountTotal)}.`,
    );
  }

  let intent: Stripe.PaymentIntent;
  try {
    intent = await stripe().paymentIntents.capture(
      order.stripePaymentIntentId,
      { amount_to_capture: amount },
      { idempotencyKey: `capture:${order.id}:${amount}` },
    );
  } catch (error) {
    return stripeFailure(error, `capture order ${order.number}`);
  }

  const fact: OrderFact = {
    kind: 'payment_captured',
    at: new Date(),
    amountCaptured: intent.amount_received,
  };
  const result = await recordOperation(order.id, input.actor, async (tx, locked) => ({
    transition: await applyOrderFact(tx, locked, fact, { actor: input.actor.email }),
    request: { kind: 'capture_requested', detail: { amount: intent.amount_received }, key: null },
  }));
  if (!result) return fail('That order does not exist.');
  return {
    ok: true,
    message: `Captured ${money(order, intent.amount_received)} of order ${order.number}.`,
  };
}

/** Cancels an authorised payment: nothing is charged and the reserved stock goes back on sale. */
export async function cancelAuthorization(
  orderId: string,
  input: { actor: AuditActor },
): Promise<Outcome> {
  const order = await findOrder(orderId);
  if (!order) return fail('That order does not exist.');
  if (order.status !== 'authorized' || !order.stripePaymentIntentId)
    return fail(
      `Order ${order.number} is ${order.status}: only authorized orders can be canceled.`,
    );

  try {
    await stripe().paymentIntents.cancel(
      order.stripePaymentIntentId,
      { cancellation_reason: 'requested_by_customer' },
      { idempotencyKey: `cancel:${order.id}` },
    );
  } catch (error) {
    return stripeFailure(error, `cancel the authorization of order ${order.number}`);
  }

  const result = await recordOperation(order.id, input.actor, async (tx, locked) => ({
    transition: await applyOrderFact(
      tx,
      locked,
      { kind: 'payment_canceled' },
      { actor: input.actor.email },
    ),
    request: { kind: 'cancel_requested', detail: {}, key: null },
  }));
  if (!result) return fail('That order does not exist.');
  return {
    ok: true,
    message: `Canceled the authorization of order ${order.number}; nothing was charged.`,
  };
}

interface OperationEffect {
  transition: TransitionResult;
  queuedEmailIds?: number[];
  /** The admin's request on the timeline, once per `key` (per refund; per order for the rest). */
  request: { kind: string; detail: Record<string, unknown>; key: string | null };
}

/** Applies what Stripe answered under the order's lock, writes the timeline and audit rows, then sends mail. */
async function recordOperation(
  orderId: string,
  actor: AuditActor,
  apply: (tx: Executor, order: Order) => Promise<OperationEffect>,
): Promise<OperationEffect | null> {
  const effect = await db().transaction(async (tx) => {
    const order = await lockOrderById(tx, orderId);
    if (!order) return null;
    const done = await apply(tx, order);
    const { kind, detail, key } = done.request;
    if (!(await hasRequest(tx, order.id, kind, key))) {
      await recordOrderEvent(tx, {
        orderId,
        kind,
        actor: actor.email,
        detail: { ...detail, requestKey: key },
      });
    }
    await recordAudit(tx, actor, {
      action: `order.${kind.replace(/_requested$/, '')}`,
      targetType: 'order',
      targetId: orderId,
      detail: { number: order.number, ...detail },
    });
    return done;
  });
  if (!effect) return null;
  const effects = effectsOf(effect.transition);
  await afterCommit({
    ...effects,
    queuedEmailIds: [...(effect.queuedEmailIds ?? []), ...effects.queuedEmailIds],
  });
  return effect;
}

async function hasRequest(
  tx: Executor,
  orderId: string,
  kind: string,
  key: string | null,
): Promise<boolean> {
  const [row] = await tx
    .select({ id: orderEvents.id })
    .from(orderEvents)
    .where(
      and(
        eq(orderEvents.orderId, orderId),
        eq(orderEvents.kind, kind),
        key === null ? undefined : sql`${orderEvents.detail}->>'requestKey' = ${key}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

async function findOrder(orderId: string): Promise<Order | null> {
  if (!/^[0-9a-f-]{36}$/i.test(orderId)) return null;
  const [order] = await db().select().from(orders).where(eq(orders.id, orderId));
  return order ?? null;
}

function fail(message: string): Outcome {
  return { ok: false, message };
}

function money(order: Pick<Order, 'currency'>, amount: number): string {
  return formatMoney(amount, order.currency);
}

/** Stripe's refusal as a sentence an admin can act on; anything unexpected is logged in full. */
function stripeFailure(error: unknown, what: string): Outcome {
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    console.warn(`[payments] Stripe refused to ${what}: ${error.code ?? ''} ${error.message}`);
    return fail(`Stripe refused to ${what}: ${error.message}`);
  }
  console.error(`[payments] could not ${what}:`, error);
  return fail(`Could not reach Stripe to ${what}. Nothing was changed; try again in a moment.`);
}
