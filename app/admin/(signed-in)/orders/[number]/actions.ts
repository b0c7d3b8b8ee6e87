'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction, type ActionState } from '@/lib/admin/action';
import { orderCurrency } from '@/lib/admin/order-detail';
import { resendConfirmation } from '@/lib/admin/order-email';
import { minorUnitDigits, toMinorUnits } from '@/lib/money';
import { cancelAuthorization, captureOrder, refundOrder } from '@/lib/payment-operations';

// Thin wrappers: requireAdmin and validation come from adminAction; the payment operations (and
// their timeline and audit rows) live in lib/payment-operations.ts.

const forOrder = z.object({ orderId: z.uuid('Unknown order.') });

function outcome(result: { ok: boolean; message: string }): ActionState {
  revalidatePath('/admin/orders/[number]', 'page');
  return { status: result.ok ? 'success' : 'error', message: result.message };
}

/** "12.50" in the order's currency → 1250; '' → undefined (everything); anything else → null. */
async function amountOf(orderId: string, typed: string): Promise<number | undefined | null> {
  if (typed === '') return undefined;
  const currency = await orderCurrency(orderId);
  if (!currency) return null;
  const digits = minorUnitDigits(currency);
  const pattern = digits === 0 ? /^\d{1,9}$/ : new RegExp(`^\\d{1,9}(\\.\\d{1,${digits}})?$`);
  return pattern.test(typed) ? toMinorUnits(Number(typed), currency) : null;
}

export const refundOrderAction = adminAction(
  forOrder.extend({
    amount: z.string().trim().default(''),
    reason: z.enum(['requested_by_customer', 'duplicate', 'fraudulent'], {
      error: 'Choose a reason.',
    }),
    requestId: z.string().max(64).optional(),
  }),
  async ({ orderId, amount, reason, requestId }, actor) => {
    const minor = await amountOf(orderId, amount);
    if (minor === null)
      return {
        status: 'error',
        message: 'Enter an amount such as 12.50, or leave it empty.',
        fieldErrors: { amount: 'Enter an amount such as 12.50.' },
      };
    return outcome(
      await refundOrder(orderId, { amount: minor, reason, actor: actor.email, requestId }),
    );
  },
);

export const captureOrderAction = adminAction(forOrder, async ({ orderId }, actor) =>
  outcome(await captureOrder(orderId, { actor: actor.email })),
);

export const cancelAuthorizationAction = adminAction(forOrder, async ({ orderId }, actor) =>
  outcome(await cancelAuthorization(orderId, { actor: actor.email })),
);

export const resendConfirmationAction = adminAction(forOrder, async ({ orderId }, actor) =>
  outcome(await resendConfirmation(orderId, actor)),
);
