'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { ActionState } from '@/lib/admin/action-state';
import {
  deleteCard,
  makeDefaultCard,
  startAddingCard,
  type CardActionResult,
} from '@/lib/customers/payment-methods';
import { requireCustomer } from '@/lib/customers/session';

const PAGE = '/account/payment-methods';

function toState(result: CardActionResult): ActionState {
  if (result.ok) revalidatePath(PAGE);
  return { status: result.ok ? 'success' : 'error', message: result.message };
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
  try {
    return toState(await makeDefaultCard(customer, String(form.get('paymentMethodId') ?? '')));
  } catch (error) {
    console.error('[account] making a card the default failed:', error);
    return STRIPE_DOWN;
  }
}

export async function removeCard(_state: ActionState, form: FormData): Promise<ActionState> {
  const customer = await requireCustomer();
  try {
    return toState(await deleteCard(customer, String(form.get('paymentMethodId') ?? '')));
  } catch (error) {
    console.error('[account] deleting a card failed:', error);
    return STRIPE_DOWN;
  }
}
