'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction, type ActionState } from '@/lib/auth/admin-action';
import { EVIDENCE_FIELDS } from './evidence';
import { acceptDispute, refundFraudWarning, sendEvidence, type Outcome } from './operations';

// Thin wrappers: requireAdmin and validation come from adminAction; the Stripe calls, the mirror
// and the audit rows live in operations.ts.

const disputeId = z.string().regex(/^(du|dp)_[A-Za-z0-9]{1,64}$/, 'Unknown dispute.');

/** Stripe accepts up to 20,000 characters in one evidence field (UNCONFIRMED per field). */
const evidenceText = z.string().max(20_000, 'At most 20,000 characters.').default('');

const evidenceForm = z.object({
  disputeId,
  intent: z.enum(['stage', 'submit'], { error: 'Choose to save a draft or submit.' }),
  ...Object.fromEntries(EVIDENCE_FIELDS.map((field) => [field.name, evidenceText])),
});

function outcome(result: Outcome): ActionState {
  revalidatePath('/admin', 'layout');
  return { status: result.ok ? 'success' : 'error', message: result.message };
}

export const sendEvidenceAction = adminAction(evidenceForm, async (input, actor) => {
  const evidence = Object.fromEntries(
    EVIDENCE_FIELDS.map(({ name }) => {
      const text = String((input as Record<string, unknown>)[name] ?? '').trim();
      return [name, text === '' ? null : text];
    }),
  );
  const result = await sendEvidence(input.disputeId, evidence, {
    submit: input.intent === 'submit',
    actor,
  });
  return outcome(result);
});

// Both ask first in the page (ConfirmActionForm); the operations refuse what is no longer open.
export const acceptDisputeAction = adminAction(z.object({ disputeId }), async (input, actor) =>
  outcome(await acceptDispute(input.disputeId, actor)),
);

export const refundFraudWarningAction = adminAction(
  z.object({ warningId: z.string().regex(/^issfr_[A-Za-z0-9]{1,64}$/, 'Unknown warning.') }),
  async (input, actor) => outcome(await refundFraudWarning(input.warningId, actor)),
);
