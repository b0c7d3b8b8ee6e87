'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/admin/action';
import { resendConfirmation } from '@/lib/admin/order-email';

const forOrder = z.object({ orderId: z.uuid('Unknown order.') });

export const resendConfirmationAction = adminAction(forOrder, async ({ orderId }, actor) => {
  const result = await resendConfirmation(orderId, actor);
  revalidatePath('/admin/orders/[number]', 'page');
  return { status: result.ok ? 'success' : 'error', message: result.message };
});
