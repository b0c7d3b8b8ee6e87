import { eq } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { orders, type Order } from '@/db/schema';
import { afterCommit } from '@/lib/orders/after-commit';
import { lockOrderById, recordOrderEvent } from '@/lib/orders/record';
import type { Outcome } from '@/lib/platform/action-state';
import { recordAudit, type AuditActor } from '@/lib/platform/audit-log';
import { fraudHoldOf } from './fraud-hold';
import { queueShippingEmail } from './shipping-email';
import { nextFulfilment, type FulfilmentStep } from './state';
import { isCarrier, readTrackingNumber } from './tracking';

/**
 * The admin's fulfilment steps. Each decides (lib/shipments/state.ts) and writes under the order's
 * row lock in one transaction: the order, a timeline row, an audit row and, for shipping, the
 * customer's email in the outbox. Two posts at once queue behind the lock: the second finds the
 * step taken and changes nothing, so the order ships once and the email is sent once.
 */

export async function markShipped(
  orderId: string,
  input: { carrier: string; trackingNumber: string; shipAnyway?: boolean },
  actor: AuditActor,
): Promise<Outcome> {
  if (!isCarrier(input.carrier)) return { ok: false, message: 'Choose a carrier from the list.' };
  const tracking = readTrackingNumber(input.carrier, input.trackingNumber);
  if (!tracking.ok) return { ok: false, message: tracking.message };
  const parcel = { carrier: input.carrier, trackingNumber: tracking.value };

  let queuedEmailId: number | null = null;
  let hold: Awaited<ReturnType<typeof fraudHoldOf>> = null;
  const outcome = await takeStep(
    orderId,
    actor,
    async (tx, order) => {
      hold = await fraudHoldOf(tx, order.id);
      return {
        kind: 'ship',
        ...parcel,
        isHeld: hold !== null,
        shipAnyway: input.shipAnyway === true,
      };
    },
    async (tx, order, now, heldOverridden) => {
      const shipped = { shippingCarrier: parcel.carrier, trackingNumber: parcel.trackingNumber };
      queuedEmailId = await queueShippingEmail(tx, { ...order, ...shipped });
      return {
        set: { ...shipped, shippedAt: now },
        detail: {
          ...parcel,
          // The audit and the timeline say the admin overrode the hold, and which warning.
          ...(heldOverridden && hold ? { shippedDespiteFraudWarning: hold.id } : {}),
        },
        message: order.email
          ? `Order ${order.number} marked shipped (${parcel.carrier} ${parcel.trackingNumber}); the shipping email goes to ${order.email}.`
          : `Order ${order.number} marked shipped (${parcel.carrier} ${parcel.trackingNumber}); it has no email address, so no shipping email was sent.`,
      };
    },
  );
  await afterCommit({
    queuedEmailIds: queuedEmailId === null ? [] : [queuedEmailId],
    releasedStock: false,
  });
  return outcome;
}

export async function markDelivered(orderId: string, actor: AuditActor): Promise<Outcome> {
  return takeStep(
    orderId,
    actor,
    async () => ({ kind: 'deliver' }),
    async (_tx, order, now) => ({
      set: { deliveredAt: now },
      detail: {},
      message: `Order ${order.number} marked delivered.`,
    }),
  );
}

export async function markReturned(orderId: string, actor: AuditActor): Promise<Outcome> {
  return takeStep(
    orderId,
    actor,
    async () => ({ kind: 'return' }),
    async (_tx, order, now) => ({
      set: { returnedAt: now },
      detail: {},
      message: `Order ${order.number} marked returned. Refund it under Payment if the money goes back.`,
    }),
  );
}

type StepColumns = Partial<
  Pick<Order, 'shippingCarrier' | 'trackingNumber' | 'shippedAt' | 'deliveredAt' | 'returnedAt'>
>;

/** The order's lock, the decision, and the rows every step writes; `apply` adds the step's own. */
async function takeStep(
  orderId: string,
  actor: AuditActor,
  stepOf: (tx: Executor, order: Order) => Promise<FulfilmentStep>,
  apply: (
    tx: Executor,
    order: Order,
    now: Date,
    heldOverridden: boolean,
  ) => Promise<{ set: StepColumns; detail: Record<string, unknown>; message: string }>,
): Promise<Outcome> {
  return db().transaction(async (tx): Promise<Outcome> => {
    const order = await lockOrderById(tx, orderId);
    if (!order) return { ok: false, message: 'That order does not exist.' };
    const decision = nextFulfilment(order, await stepOf(tx, order));
    if (decision.kind === 'refused') return { ok: false, message: decision.message };
    if (decision.kind === 'unchanged') return { ok: true, message: decision.message };

    const now = new Date();
    const step = await apply(tx, order, now, decision.heldOverridden);
    // Every step names the parcel it is about; shipping names the one it records.
    const parcel = { carrier: order.shippingCarrier, trackingNumber: order.trackingNumber };
    const detail = { from: decision.from, to: decision.to, ...parcel, ...step.detail };
    await tx
      .update(orders)
      .set({ ...step.set, fulfilmentStatus: decision.to, updatedAt: now })
      .where(eq(orders.id, order.id));
    await recordOrderEvent(tx, {
      orderId: order.id,
      kind: decision.to,
      actor: actor.email,
      detail,
    });
    await recordAudit(tx, actor, {
      action: `order.${decision.to}`,
      targetType: 'order',
      targetId: order.id,
      detail: { number: order.number, ...detail },
    });
    return { ok: true, message: step.message };
  });
}
