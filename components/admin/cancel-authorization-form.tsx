'use client';

import type { ActionState } from '@/lib/platform/action-state';
import { ConfirmActionForm } from './confirm-action-form';
import { ShippedConfirmation, shippedConfirmationProblem } from './shipped-confirmation';

const QUESTION =
  'Release the hold on the customer’s card? Nothing will be charged and the order is canceled.';

/** Cancels an authorization; an order that has shipped asks for the extra confirmation first. */
export function CancelAuthorizationForm({
  action,
  orderId,
  shipped,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  orderId: string;
  shipped: boolean;
}) {
  return (
    <ConfirmActionForm
      action={action}
      hidden={{ orderId }}
      label="Cancel authorization…"
      describe={(form) => (shipped && shippedConfirmationProblem(form, 'cancel')) || QUESTION}
      confirmLabel="Cancel authorization"
      pendingLabel="Canceling…"
      danger
    >
      {shipped ? <ShippedConfirmation action="cancel" /> : null}
    </ConfirmActionForm>
  );
}
