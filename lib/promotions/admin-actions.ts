'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction, type ActionState } from '@/lib/auth/admin-action';
import { createPromotionCode, deactivatePromotionCode, type PromotionResult } from './operations';
import { storeCurrencies } from './queries';
import { parsePromotionForm } from './rules';

// Thin wrappers: requireAdmin comes from adminAction, the form's rules from rules.ts, the Stripe
// calls, rows and audit entries from operations.ts.

const field = z.string().max(200, 'Use at most 200 characters.').default('');

const promotionForm = z.object({
  /** One per rendered form (the page makes it): the Stripe idempotency keys derive from it. */
  submission: z
    .string({ error: 'Reload the page: the form lost its submission token.' })
    .regex(/^[A-Za-z0-9-]{8,64}$/, 'Reload the page: the form lost its submission token.'),
  code: field,
  kind: field,
  amount: field,
  currency: field,
  expiresOn: field,
  maxRedemptions: field,
  firstOrderOnly: field,
  minimumAmount: field,
});

function outcome(result: PromotionResult): ActionState {
  if (!result.ok)
    return { status: 'error', message: result.message, fieldErrors: result.fieldErrors };
  revalidatePath('/admin', 'layout');
  return { status: 'success', message: result.message };
}

export const createPromotionCodeAction = adminAction(
  promotionForm,
  async ({ submission, ...form }, actor) => {
    const parsed = parsePromotionForm(form, {
      currencies: await storeCurrencies(),
      now: new Date(),
    });
    if (!parsed.ok)
      return {
        status: 'error',
        message: 'Check the highlighted fields.',
        fieldErrors: parsed.fieldErrors,
      };
    return outcome(await createPromotionCode(parsed.draft, actor, submission));
  },
);

// Asks first in the page (ConfirmActionForm); the operation refuses a code already inactive.
export const deactivatePromotionCodeAction = adminAction(
  z.object({ id: z.string().regex(/^promo_[A-Za-z0-9]{1,64}$/, 'Unknown promotion code.') }),
  async ({ id }, actor) => outcome(await deactivatePromotionCode(id, actor)),
);
