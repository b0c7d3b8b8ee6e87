import type { Metadata } from 'next';
import Link from 'next/link';
import { OrderFiltersForm } from '@/components/admin/order-filters-form';
import { OrdersTable } from '@/components/admin/orders-table';
import { hasFilters, orderFilterParams, readOrderFilters } from '@/lib/admin/order-filters';
import { listOrders } from '@/lib/admin/order-list';
import { requireAdmin } from '@/lib/auth/auth';

export const metadata: Metadata = { title: 'Orders' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireAdmin();
  const params = await searchParams;
  const { filters, ignored } = readOrderFilters(params);
  const isPacking = filters.view === 'packing';
  const single = (key: string) => (typeof params[key] === 'string' ? params[key] : undefined);
  const page = await listOrders(filters, { after: single('after'), before: single('before') });
  const base = orderFilterParams(filters);
  const sortToggle = orderFilterParams({
    ...filters,
    sort: filters.sort === 'oldest' ? undefined : 'oldest',
  });
  const link = (key: 'after' | 'before', cursor: string) => {
    const next = new URLSearchParams(base);
    next.set(key, cursor);
    return `/admin/orders?${next}`;
  };
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{isPacking ? 'Paid, not shipped' : 'Orders'}</h1>
        <a
          href={`/api/admin/orders/export${base.size > 0 ? `?${base}` : ''}`}
          className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium hover:bg-paper"
          download
        >
          Export CSV
        </a>
      </div>
      <nav aria-label="Order views" className="flex flex-wrap gap-2 text-sm">
        {[
          { label: 'All orders', href: '/admin/orders', isCurrent: !isPacking },
          { label: 'Paid, not shipped', href: '/admin/orders?view=packing', isCurrent: isPacking },
        ].map((view) => (
          <Link
            key={view.label}
            href={view.href}
            aria-current={view.isCurrent ? 'page' : undefined}
            className="rounded-md border border-line px-3 py-1.5 hover:bg-paper aria-[current=page]:border-accent aria-[current=page]:bg-accent/10 aria-[current=page]:font-medium"
          >
            {view.label}
          </Link>
        ))}
      </nav>
      {ignored.length > 0 ? (
        <div
          role="status"
          className="rounded-md border border-warn/30 bg-warn/10 px-3 py-2 text-sm text-warn"
        >
          <p className="font-medium">Not applied, from this page’s link:</p>
          <ul className="list-disc pl-5">
            {ignored.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <OrderFiltersForm filters={filters} />
      {isPacking ? (
        <OrdersTable
          rows={page.rows}
          caption="Paid, not shipped: the packing list, oldest payment first"
          sort="ascending"
          date="paid"
          empty={
            hasFilters({ ...filters, view: undefined })
              ? 'No paid orders waiting to ship match these filters.'
              : 'Every paid order has shipped.'
          }
        />
      ) : (
        <OrdersTable
          rows={page.rows}
          caption={filters.sort === 'oldest' ? 'Orders, oldest first' : 'Orders, newest first'}
          sortHref={`/admin/orders?${sortToggle}`}
          sort={filters.sort === 'oldest' ? 'ascending' : 'descending'}
          empty={hasFilters(filters) ? 'No orders match these filters.' : 'No orders yet.'}
        />
      )}
      <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm">
        {page.previous ? (
          <Link
            href={link('before', page.previous)}
            className="rounded-md border border-line px-3 py-1.5 hover:bg-paper"
          >
            ← Previous
          </Link>
        ) : (
          <span />
        )}
        <span className="text-muted">{page.rows.length} orders on this page</span>
        {page.next ? (
          <Link
            href={link('after', page.next)}
            className="rounded-md border border-line px-3 py-1.5 hover:bg-paper"
          >
            Next →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </div>
  );
}
