'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { ActionState, Outcome } from '@/lib/platform/action-state';
import { deleteCard, makeDefaultCard, startAddingCard } from '@/lib/customers/payment-methods';
import { requireCustomer } from '@/lib/customers/session';

const PAGE = '/account/payment-methods';

/**
 * A success reloads the page with its outcome in the URL: the card it was about may have left the
 * list (deleted) or lost its button (now the default), taking its form's message with it.
 */
function toState(result: Outcome): ActionState {
  if (!result.ok) return { status: 'error', message: result.message };
  revalidatePath(PAGE);
  redirect(`${PAGE}?${new URLSearchParams({ done: result.message })}`);
}

const STRIPE_DOWN: ActionState = {
  status: 'error',
  message: 'We couldn’t reach our payment provider. Nothing changed; please try again.',
};

export async function addCard(): Promise<void> {
  const customer = await requireCustomer();
  redirect(await startAddingCard(customer));
}

export async function makeDefault(_state: ActionState, form: FormData): Promise<ActionState> {
  const customer = await requireCustomer();
  let result: Outcome;
  try {
    result = await makeDefaultCard(customer, String(form.get('paymentMethodId') ?? ''));
  } catch (error) {
    console.error('[account] making a card the default failed:', error);
    return STRIPE_DOWN;
  }
  return toState(result);
}

export async function removeCard(_state: ActionState, form: FormData): Promise<ActionState> {
  const customer = await requireCustomer();
  let result: Outcome;
  try {
    result = await deleteCard(customer, String(form.get('paymentMethodId') ?? ''));
  } catch (error) {
    console.error('[account] deleting a card failed:', error);
    return STRIPE_DOWN;
  }
  return toState(result);
}
