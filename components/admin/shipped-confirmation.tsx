import {
  CONFIRM_SHIPPED_FIELD,
  CONFIRMED,
  SHIPPED_CANCEL_QUESTION,
  SHIPPED_REFUND_QUESTION,
} from '@/lib/orders/shipped-confirmation';

const QUESTIONS = { refund: SHIPPED_REFUND_QUESTION, cancel: SHIPPED_CANCEL_QUESTION };

/**
 * The extra step before refunding or canceling an order whose goods have left: a box to tick,
 * which the server checks too (lib/orders/admin-actions.ts).
 */
export function ShippedConfirmation({ action }: { action: 'refund' | 'cancel' }) {
  return (
    <div className="rounded-md border border-warn/30 bg-warn/10 px-3 py-2 text-sm text-warn">
      <fieldset className="flex flex-col gap-1">
        <legend className="font-medium">{QUESTIONS[action]}</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" name={CONFIRM_SHIPPED_FIELD} value={CONFIRMED} />
          Yes, {action} anyway
        </label>
      </fieldset>
    </div>
  );
}

/** The browser's side of the check: the problem to show before confirming, or null. */
export function shippedConfirmationProblem(
  form: FormData,
  action: 'refund' | 'cancel',
): { problem: string } | null {
  return form.get(CONFIRM_SHIPPED_FIELD) === CONFIRMED
    ? null
    : { problem: `${QUESTIONS[action]} Tick the box to confirm.` };
}
