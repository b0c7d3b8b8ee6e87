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
    <label className="flex items-start gap-2 rounded-md border border-warn/30 bg-warn/10 px-3 py-2 text-sm text-warn">
      <input type="checkbox" name={CONFIRM_SHIPPED_FIELD} value={CONFIRMED} className="mt-1" />
      <span>
        <span className="font-medium">{QUESTIONS[action].replace(/\?$/, '')}</span>: the goods are
        with the customer and will not come back by themselves.
      </span>
    </label>
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
