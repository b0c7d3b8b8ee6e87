'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionState } from '@/lib/platform/action-state';
import {
  currentCustomer,
  CUSTOMER_SIGN_IN_PATH,
  requireCustomer,
  signInPathReturningTo,
} from '@/lib/customers/session';
import { safeReturnPath } from '@/lib/auth/return-path';
import { ensureStripeCustomer } from '@/lib/customers/stripe-customer';
import { startSubscriptionCheckout } from '@/lib/subscriptions/checkout';
import { changeSubscription } from '@/lib/subscriptions/manage';

/** "Subscribe" on a recurring product: a guest signs in first; a customer goes to Stripe's page. */
export async function subscribe(_state: ActionState, form: FormData): Promise<ActionState> {
  const productId = z.uuid().safeParse(form.get('productId'));
  if (!productId.success)
    return { status: 'error', message: 'This product can’t be subscribed to.' };
  const customer = await currentCustomer();
  if (!customer) {
    const returnPath = safeReturnPath(form.get('returnPath'));
    redirect(returnPath ? signInPathReturningTo(returnPath) : CUSTOMER_SIGN_IN_PATH);
  }
  const result = await startSubscriptionCheckout({
    userId: customer.id,
    stripeCustomerId: await ensureStripeCustomer(customer.id),
    productId: productId.data,
  });
  if (result.kind === 'rejected') return { status: 'error', message: result.message };
  redirect(result.url);
}

const changeInput = z.object({
  subscriptionId: z.uuid(),
  change: z.enum(['cancel', 'resume', 'cancel_now']),
});

/** Cancel at period end, resume, or cancel now: asked of Stripe, shown as pending until its webhook. */
export async function changeSubscriptionAction(
  _state: ActionState,
  form: FormData,
): Promise<ActionState> {
  const customer = await requireCustomer();
  const input = changeInput.safeParse(Object.fromEntries(form));
  if (!input.success) return { status: 'error', message: 'That change isn’t possible.' };
  const result = await changeSubscription(
    customer.id,
    input.data.subscriptionId,
    input.data.change,
  );
  revalidatePath('/account/subscriptions');
  return { status: result.ok ? 'success' : 'error', message: result.message };
}
