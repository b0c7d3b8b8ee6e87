import Link from 'next/link';
import { ACTIVITY_TYPES } from '@/lib/admin/balance-filters';

const input = 'rounded-md border border-line bg-white px-2 py-1.5 text-sm font-normal';

/**
 * A plain GET form (works without JavaScript): the filters live in the URL, so every view can be
 * shared, reloaded and exported. `values` is what the URL held, shown back even when refused.
 */
export function BalanceFiltersForm({
  values,
  currencies,
}: {
  values: Partial<Record<'from' | 'to' | 'type' | 'currency' | 'payout', string>>;
  currencies: string[];
}) {
  const currencyChoices =
    values.currency && !currencies.includes(values.currency)
      ? [...currencies, values.currency]
      : currencies;
  return (
    <form
      method="get"
      action="/admin/money/activity"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-paper p-3"
      role="search"
      aria-label="Filter balance activity"
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        Type
        <select name="type" defaultValue={values.type ?? ''} className={input}>
          <option value="">All types</option>
          {Object.entries(ACTIVITY_TYPES).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Currency
        <select name="currency" defaultValue={values.currency ?? ''} className={input}>
          <option value="">All currencies</option>
          {currencyChoices.map((currency) => (
            <option key={currency} value={currency}>
              {currency.toUpperCase()}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        From
        <input name="from" type="date" defaultValue={values.from} className={input} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        To
        <input name="to" type="date" defaultValue={values.to} className={input} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Payout
        <input
          name="payout"
          defaultValue={values.payout}
          placeholder="po_…"
          spellCheck={false}
          autoComplete="off"
          className={`${input} w-52 font-mono`}
        />
      </label>
      <button
        type="submit"
        className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-strong"
      >
        Apply filters
      </button>
      <Link
        href="/admin/money/activity"
        className="px-1 py-1.5 text-sm underline underline-offset-2"
      >
        Clear
      </Link>
    </form>
  );
}
