import Link from 'next/link';
import { orderStatus } from '@/db/schema';
import {
  FULFILMENT_FILTERS,
  type FulfilmentFilter,
  type OrderFilters,
} from '@/lib/admin/order-filters';
import { ORDER_STATUS_LABELS } from '@/lib/orders/status';
import { FULFILMENT_LABELS } from '@/lib/shipments/status';

const FULFILMENT_FILTER_LABELS: Record<FulfilmentFilter, string> = {
  ...FULFILMENT_LABELS,
  none: 'Nothing to ship',
};

const input = 'rounded-md border border-line bg-white px-2 py-1.5 text-sm';

/** A plain GET form: the filters live in the URL, so every view can be shared and reloaded. */
export function OrderFiltersForm({ filters }: { filters: OrderFilters }) {
  return (
    <form
      method="get"
      action="/admin/orders"
      className="flex flex-col gap-3 rounded-lg border border-line bg-paper p-3"
      role="search"
      aria-label="Filter orders"
    >
      {/* The packing list stays the packing list while other filters narrow it. */}
      {filters.view ? <input type="hidden" name="view" value={filters.view} /> : null}
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
        <legend className="mb-1 text-sm font-medium">Status</legend>
        {orderStatus.enumValues.map((status) => (
          <label key={status} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              name="status"
              value={status}
              defaultChecked={filters.statuses.includes(status)}
            />
            {ORDER_STATUS_LABELS[status]}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
        <legend className="mb-1 text-sm font-medium">Fulfilment</legend>
        {FULFILMENT_FILTERS.map((fulfilment) => (
          <label key={fulfilment} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              name="fulfilment"
              value={fulfilment}
              defaultChecked={filters.fulfilment?.includes(fulfilment)}
            />
            {FULFILMENT_FILTER_LABELS[fulfilment]}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Search
          <input
            name="q"
            type="search"
            defaultValue={filters.q}
            placeholder="Email or order number"
            className={`${input} w-56 font-normal`}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          From
          <input
            name="from"
            type="date"
            defaultValue={filters.from}
            className={`${input} font-normal`}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          To
          <input
            name="to"
            type="date"
            defaultValue={filters.to}
            className={`${input} font-normal`}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Min total
          <input
            name="min"
            inputMode="decimal"
            defaultValue={filters.min}
            className={`${input} w-24 text-right font-normal`}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Max total
          <input
            name="max"
            inputMode="decimal"
            defaultValue={filters.max}
            className={`${input} w-24 text-right font-normal`}
          />
        </label>
        <button
          type="submit"
          className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-strong"
        >
          Apply filters
        </button>
        <Link href="/admin/orders" className="px-1 py-1.5 text-sm underline underline-offset-2">
          Clear
        </Link>
      </div>
    </form>
  );
}
