'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction, type ActionState } from '@/lib/auth/admin-action';
import type { Outcome } from '@/lib/platform/action-state';
import { markDelivered, markReturned, markShipped } from './operations';
import { CARRIERS, readTrackingNumber } from './tracking';

// Thin wrappers: requireAdmin and validation come from adminAction; the rules, the lock, the
// timeline, audit and email live in operations.ts.

const forOrder = z.object({ orderId: z.uuid('Unknown order.') });

function outcome(result: Outcome): ActionState {
  revalidatePath('/admin/orders', 'layout');
  return { status: result.ok ? 'success' : 'error', message: result.message };
}

export const markShippedAction = adminAction(
  forOrder.extend({
    carrier: z.enum(CARRIERS, { error: 'Choose a carrier.' }),
    trackingNumber: z.string().default(''),
    /** The "Ship anyway" confirmation of an order held by a fraud warning: 'yes' when ticked. */
    shipAnyway: z.string().optional(),
  }),
  async ({ orderId, carrier, trackingNumber, shipAnyway }, actor) => {
    const tracking = readTrackingNumber(carrier, trackingNumber);
    if (!tracking.ok)
      return {
        status: 'error',
        message: 'Check the highlighted fields.',
        fieldErrors: { trackingNumber: tracking.message },
      };
    return outcome(
      await markShipped(
        orderId,
        { carrier, trackingNumber: tracking.value, shipAnyway: shipAnyway === 'yes' },
        actor,
      ),
    );
  },
);

export const markDeliveredAction = adminAction(forOrder, async ({ orderId }, actor) =>
  outcome(await markDelivered(orderId, actor)),
);

export const markReturnedAction = adminAction(forOrder, async ({ orderId }, actor) =>
  outcome(await markReturned(orderId, actor)),
);
