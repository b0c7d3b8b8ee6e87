'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction, type ActionState } from '@/lib/auth/admin-action';
import { orderCurrency, orderFulfilmentStatus } from '@/lib/orders/queries';
import { resendConfirmation } from '@/lib/orders/resend-confirmation';
import { amountInputHint, parseMajorAmount } from '@/lib/money';
import { cancelAuthorization, captureOrder, refundOrder } from '@/lib/orders/payment-operations';
import {
  CONFIRM_SHIPPED_FIELD,
  CONFIRMED,
  hasShipped,
  SHIPPED_CANCEL_QUESTION,
  SHIPPED_REFUND_QUESTION,
} from '@/lib/orders/shipped-confirmation';

// Thin wrappers: requireAdmin and validation come from adminAction; the payment operations (and
// their timeline and audit rows) live in lib/orders/payment-operations.ts.

const forOrder = z.object({ orderId: z.uuid('Unknown order.') });

function outcome(result: { ok: boolean; message: string }): ActionState {
  revalidatePath('/admin/orders/[number]', 'page');
  return { status: result.ok ? 'success' : 'error', message: result.message };
}

/** Refused unless confirmed, when the order's goods have shipped (lib/orders/shipped-confirmation.ts). */
async function unconfirmedShipment(
  orderId: string,
  confirmation: string | undefined,
  question: string,
): Promise<ActionState | null> {
  if (confirmation === CONFIRMED || !hasShipped(await orderFulfilmentStatus(orderId))) return null;
  return {
    status: 'error',
    message: question,
    fieldErrors: { [CONFIRM_SHIPPED_FIELD]: 'Tick this box to confirm.' },
  };
}

const shippedConfirmation = { [CONFIRM_SHIPPED_FIELD]: z.string().optional() };

/** "12.50" in the order's currency → 1250; '' → undefined (everything); anything else → a hint. */
async function amountOf(
  orderId: string,
  typed: string,
): Promise<{ amount: number | undefined } | { hint: string }> {
  if (typed === '') return { amount: undefined };
  const currency = await orderCurrency(orderId);
  if (!currency) return { hint: 'That order does not exist.' };
  const amount = parseMajorAmount(typed, currency);
  return amount === null ? { hint: amountInputHint(currency) } : { amount };
}

export const refundOrderAction = adminAction(
  forOrder.extend({
    amount: z.string().trim().default(''),
    reason: z.enum(['requested_by_customer', 'duplicate', 'fraudulent'], {
      error: 'Choose a reason.',
    }),
    requestId: z.string().max(64).optional(),
    ...shippedConfirmation,
  }),
  async ({ orderId, amount, reason, requestId, confirmShipped }, actor) => {
    const unconfirmed = await unconfirmedShipment(orderId, confirmShipped, SHIPPED_REFUND_QUESTION);
    if (unconfirmed) return unconfirmed;
    const typed = await amountOf(orderId, amount);
    if ('hint' in typed)
      return {
        status: 'error',
        message: `${typed.hint} Or leave it empty to refund everything left.`,
        fieldErrors: { amount: typed.hint },
      };
    return outcome(await refundOrder(orderId, { amount: typed.amount, reason, actor, requestId }));
  },
);

export const captureOrderAction = adminAction(forOrder, async ({ orderId }, actor) =>
  outcome(await captureOrder(orderId, { actor })),
);

export const cancelAuthorizationAction = adminAction(
  forOrder.extend(shippedConfirmation),
  async ({ orderId, confirmShipped }, actor) =>
    (await unconfirmedShipment(orderId, confirmShipped, SHIPPED_CANCEL_QUESTION)) ??
    outcome(await cancelAuthorization(orderId, { actor })),
);

export const resendConfirmationAction = adminAction(forOrder, async ({ orderId }, actor) =>
  outcome(await resendConfirmation(orderId, actor)),
);
