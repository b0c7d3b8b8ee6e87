import type { ActionState } from '@/lib/platform/action-state';
import { formatMoney } from '@/lib/money';
import type { PromotionCodeListing } from '@/lib/promotions/queries';
import {
  PROMOTION_STATUS_LABELS,
  describeLimits,
  describePromotion,
  promotionStatus,
  type PromotionStatus,
} from '@/lib/promotions/rules';
import { Badge, type Tone } from './badge';
import { ConfirmActionForm } from './confirm-action-form';
import { DataTable, EmptyRow } from './data-table';

const STATUS_TONES: Record<PromotionStatus, Tone> = {
  active: 'good',
  expired: 'neutral',
  used_up: 'warn',
  inactive: 'neutral',
};

/** Every code with its terms, use and status; active ones offer "Deactivate…", which asks first. */
export function PromotionCodesTable({
  codes,
  now,
  deactivate,
}: {
  codes: PromotionCodeListing[];
  now: Date;
  deactivate: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  return (
    <DataTable caption="Promotion codes">
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Discount</th>
          <th scope="col">Limits</th>
          <th scope="col" className="!text-right">
            Redemptions
          </th>
          <th scope="col" className="!text-right">
            Discount given
          </th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {codes.length === 0 ? <EmptyRow columns={7}>No promotion codes yet.</EmptyRow> : null}
        {codes.map((code) => {
          const status = promotionStatus(code, code.redemptions, now);
          const limits = describeLimits(code);
          return (
            <tr key={code.id}>
              <th scope="row" className="!bg-white font-mono !font-medium !text-ink">
                {code.code}
              </th>
              <td className="min-w-40">{describePromotion(code)}</td>
              <td className="min-w-40">
                {limits.length === 0 ? (
                  <span className="text-muted">None</span>
                ) : (
                  <ul>
                    {limits.map((limit) => (
                      <li key={limit}>{limit}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="text-right tabular-nums">
                {code.redemptions.toLocaleString('en-US')}
              </td>
              <td className="whitespace-nowrap text-right tabular-nums">
                {code.discountGiven.length === 0
                  ? '—'
                  : code.discountGiven.map((given) => (
                      <div key={given.currency}>{formatMoney(given.amount, given.currency)}</div>
                    ))}
              </td>
              <td>
                <Badge tone={STATUS_TONES[status]}>{PROMOTION_STATUS_LABELS[status]}</Badge>
              </td>
              <td>
                {code.active ? (
                  <ConfirmActionForm
                    action={deactivate}
                    hidden={{ id: code.id }}
                    label="Deactivate…"
                    confirmLabel={`Deactivate ${code.code}`}
                    pendingLabel="Deactivating…"
                    question={`Deactivate ${code.code}? Customers can no longer use it; it cannot be turned back on.`}
                    danger
                  />
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
