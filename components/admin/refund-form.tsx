'use client';

import type { ActionState } from '@/lib/platform/action-state';
import { formatDecimal, formatMoney, parseMajorAmount } from '@/lib/money';
import { ConfirmActionForm } from './confirm-action-form';
import { ShippedConfirmation, shippedConfirmationProblem } from './shipped-confirmation';

const REASONS = [
  { value: 'requested_by_customer', label: 'Requested by customer' },
  { value: 'duplicate', label: 'Duplicate' },
  { value: 'fraudulent', label: 'Fraudulent' },
] as const;

/**
 * Refund all that is left, or part of it; the confirmation names the exact amount. An order that
 * has shipped asks for the extra confirmation first (`shipped`).
 */
export function RefundForm({
  action,
  orderId,
  requestId,
  refundable,
  currency,
  shipped = false,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  orderId: string;
  requestId: string;
  refundable: number;
  currency: string;
  shipped?: boolean;
}) {
  return (
    <ConfirmActionForm
      action={action}
      hidden={{ orderId, requestId }}
      label="Refund…"
      confirmLabel="Confirm refund"
      pendingLabel="Refunding…"
      danger
      describe={(form) => {
        const unconfirmed = shipped && shippedConfirmationProblem(form, 'refund');
        if (unconfirmed) return unconfirmed;
        const typed = String(form.get('amount') ?? '').trim();
        if (typed === '') return `Refund the full remaining ${formatMoney(refundable, currency)}?`;
        const amount = parseMajorAmount(typed, currency);
        if (amount === null || amount <= 0 || amount > refundable)
          return {
            problem: `Enter an amount up to ${formatMoney(refundable, currency)}, or leave it empty.`,
          };
        return `Refund ${formatMoney(amount, currency)} of ${formatMoney(refundable, currency)}?`;
      }}
    >
      <div className="flex flex-wrap gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Refund amount
          <input
            name="amount"
            inputMode="decimal"
            placeholder={`${formatDecimal(refundable, currency)} (all)`}
            aria-describedby="refund-amount-hint"
            className="w-36 rounded-md border border-line bg-white px-2 py-1.5 text-right font-normal tabular-nums"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Reason
          <select
            name="reason"
            className="rounded-md border border-line bg-white px-2 py-1.5 font-normal"
          >
            {REASONS.map((reason) => (
              <option key={reason.value} value={reason.value}>
                {reason.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id="refund-amount-hint" className="text-xs text-muted">
        Leave the amount empty to refund everything not yet refunded.
      </p>
      {shipped ? <ShippedConfirmation action="refund" /> : null}
    </ConfirmActionForm>
  );
}
