import type { Metadata } from 'next';
import Link from 'next/link';
import {
  BalanceActivityTable,
  BalanceTotalsTable,
} from '@/components/admin/balance-activity-table';
import { BalanceFiltersForm } from '@/components/admin/balance-filters-form';
import {
  balanceFilterParams,
  hasBalanceFilters,
  parseBalanceFilters,
} from '@/lib/admin/balance-filters';
import {
  activityCurrencies,
  isActivityCursor,
  listBalanceActivity,
} from '@/lib/admin/balance-report';
import { balanceTotals } from '@/lib/admin/balance-totals';
import { requireAdmin } from '@/lib/auth/auth';

export const metadata: Metadata = { title: 'Balance activity' };

type SearchParams = Record<string, string | string[] | undefined>;

const button = 'rounded-md border border-line px-3 py-1.5 hover:bg-paper';

export default async function BalanceActivityPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireAdmin();
  const params = await searchParams;
  const parsed = parseBalanceFilters(params);
  const after = params.after;
  const currencies = await activityCurrencies();
  const isCursorBad =
    after !== undefined && (typeof after !== 'string' || !isActivityCursor(after));
  if (!parsed.ok || isCursorBad) {
    const errors = parsed.ok
      ? ['This page link was not made by this report: start again from the first page.']
      : parsed.errors;
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-xl font-semibold">Balance activity</h1>
        <div
          role="alert"
          className="rounded-md border border-danger/30 bg-danger/5 px-3 py-2 text-sm text-danger"
        >
          <p className="font-medium">These filters cannot be used:</p>
          <ul className="list-disc pl-5">
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
        <BalanceFiltersForm
          values={
            parsed.ok ? Object.fromEntries(balanceFilterParams(parsed.filters)) : parsed.typed
          }
          currencies={currencies}
        />
      </div>
    );
  }

  const { filters } = parsed;
  const now = new Date();
  const [page, totals] = await Promise.all([
    listBalanceActivity(filters, after),
    balanceTotals(filters),
  ]);
  const base = balanceFilterParams(filters);
  const query = (extra?: [string, string]) => {
    const next = new URLSearchParams(base);
    if (extra) next.set(...extra);
    return next.size > 0 ? `?${next}` : '';
  };
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">Balance activity</h1>
        <a
          href={`/api/admin/money/activity/export${query()}`}
          className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium hover:bg-paper"
          download
        >
          Export CSV
        </a>
      </div>
      <BalanceFiltersForm values={Object.fromEntries(base)} currencies={currencies} />
      <section aria-labelledby="totals" className="flex flex-col gap-2">
        <h2 id="totals" className="font-semibold">
          Totals
        </h2>
        <BalanceTotalsTable totals={totals} />
      </section>
      <BalanceActivityTable
        rows={page.rows}
        now={now}
        empty={
          hasBalanceFilters(filters)
            ? 'No balance activity matches these filters.'
            : 'No balance activity yet.'
        }
      />
      <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm">
        {after ? (
          <Link href={`/admin/money/activity${query()}`} className={button}>
            ← First page
          </Link>
        ) : (
          <span />
        )}
        <span className="text-muted">{page.rows.length} transactions on this page</span>
        {page.next ? (
          <Link href={`/admin/money/activity${query(['after', page.next])}`} className={button}>
            Next →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </div>
  );
}
