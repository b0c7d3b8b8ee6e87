import type { Metadata } from 'next';
import Link from 'next/link';
import { OrderFiltersForm } from '@/components/admin/order-filters-form';
import { OrdersTable } from '@/components/admin/orders-table';
import { hasFilters, orderFilterParams, parseOrderFilters } from '@/lib/admin/order-filters';
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
  const filters = parseOrderFilters(params);
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
        <h1 className="text-xl font-semibold">Orders</h1>
        <a
          href={`/api/admin/orders/export${base.size > 0 ? `?${base}` : ''}`}
          className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium hover:bg-paper"
          download
        >
          Export CSV
        </a>
      </div>
      <OrderFiltersForm filters={filters} />
      <OrdersTable
        rows={page.rows}
        caption={filters.sort === 'oldest' ? 'Orders, oldest first' : 'Orders, newest first'}
        sortHref={`/admin/orders?${sortToggle}`}
        sort={filters.sort === 'oldest' ? 'ascending' : 'descending'}
        empty={hasFilters(filters) ? 'No orders match these filters.' : 'No orders yet.'}
      />
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
