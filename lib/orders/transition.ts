import type { Executor } from '@/db/client';
import { eq } from 'drizzle-orm';
import { orders, type Order, type OrderStatus } from '@/db/schema';
import { queueOrderConfirmation } from '@/lib/orders/confirmation-email';
import { nextOrderState, type OrderFact } from '@/lib/orders/state';
import { recordOrderEvent } from '@/lib/orders/record';
import { releaseStock } from '@/lib/catalogue/reservations';

/** Who caused a change: Stripe (with its event id), the customer, the system, or an admin's email. */
export interface TransitionSource {
  stripeEventId?: string;
  actor: string;
}

export interface TransitionResult {
  kind: 'order';
  orderId: string;
  orderNumber: number;
  /** The status before this call; equal to `status` when nothing changed. */
  fromStatus: OrderStatus;
  status: OrderStatus;
  changed: boolean;
  /** The confirmation this call queued; send it after the transaction commits. */
  queuedEmailId: number | null;
  /** Whether this call put reserved stock back (the catalogue's cached stock is then stale). */
  releasedStock: boolean;
}

/**
 * The effectful shell around nextOrderState. `order` must be locked by the caller (lockOrder) in
 * `tx`: the status is read, decided and written under that lock, so stock is released and the
 * confirmation queued at most once whoever else is applying facts to the same order.
 */
export async function applyOrderFact(
  tx: Executor,
  order: Order,
  fact: OrderFact | null,
  source: TransitionSource,
  extra: {
    set?: Partial<Pick<Order, 'stripeCheckoutSessionId' | 'stripePaymentIntentId'>>;
    detail?: Record<string, unknown>;
  } = {},
): Promise<TransitionResult> {
  const unchanged: TransitionResult = {
    kind: 'order',
    orderId: order.id,
    orderNumber: order.number,
    fromStatus: order.status,
    status: order.status,
    changed: false,
    queuedEmailId: null,
    releasedStock: false,
  };
  const next = fact && nextOrderState(order, fact);
  if (!fact || !next) return unchanged;

  const changes = { ...next.changes, ...extra.set, status: next.status, updatedAt: new Date() };
  // The writes below do not depend on each other, so they are sent together: postgres.js
  // pipelines them on the transaction's connection (one round trip instead of four).
  const [, , , queuedEmailId] = await Promise.all([
    tx.update(orders).set(changes).where(eq(orders.id, order.id)),
    recordOrderEvent(tx, {
      orderId: order.id,
      kind: fact.kind,
      fromStatus: order.status,
      toStatus: next.status,
      stripeEventId: source.stripeEventId ?? null,
      actor: source.actor,
      detail: extra.detail ?? null,
    }),
    next.releasesStock ? releaseStock(tx, order.id) : null,
    // Only the move into paid queues mail (refunds and disputes keep a paid-family status), or
    // the email arriving for an order already paid without one.
    next.status === 'paid' && (order.status !== 'paid' || (order.email === null && changes.email))
      ? queueOrderConfirmation(tx, { ...order, ...changes })
      : null,
  ]);
  return {
    ...unchanged,
    status: next.status,
    changed: true,
    queuedEmailId,
    releasedStock: next.releasesStock,
  };
}
