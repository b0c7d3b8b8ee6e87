'use client';

import { ConfirmActionForm } from '@/components/admin/confirm-action-form';
import { makeDefault, removeCard } from '@/lib/customers/payment-method-actions';

/** "Make default" and "Delete" for one saved card, each confirmed, pending, then an outcome. */
export function SavedCardActions({
  paymentMethodId,
  label,
  isDefault,
}: {
  paymentMethodId: string;
  label: string;
  isDefault: boolean;
}) {
  return (
    <div className="flex flex-wrap items-start gap-3">
      {isDefault ? null : (
        <ConfirmActionForm
          action={makeDefault}
          hidden={{ paymentMethodId }}
          label="Make default"
          confirmLabel="Make default"
          pendingLabel="Saving…"
          question={`Make ${label} your default card?`}
        />
      )}
      <ConfirmActionForm
        action={removeCard}
        hidden={{ paymentMethodId }}
        label="Delete"
        confirmLabel="Delete card"
        pendingLabel="Deleting…"
        question={`Delete ${label}? You can add it again later.`}
        danger
      />
    </div>
  );
}
