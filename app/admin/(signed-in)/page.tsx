import type { Metadata } from 'next';
import Link from 'next/link';
import { OrderStatusBadge } from '@/components/admin/badge';
import { DataTable, EmptyRow } from '@/components/admin/data-table';
import { OrdersTable } from '@/components/admin/orders-table';
import { RevenueChart } from '@/components/admin/revenue-chart';
import { Section } from '@/components/admin/section';
import {
  dailyRevenue,
  monthlyRecurringRevenue,
  ordersByStatus,
  revenueTotals,
} from '@/lib/admin/dashboard';
import { listOrders } from '@/lib/admin/order-list';
import { requireAdmin } from '@/lib/auth/auth';
import { env } from '@/lib/env';
import { formatMoney } from '@/lib/money';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  await requireAdmin();
  const currency = env().STORE_CURRENCY;
  const [totals, statuses, days, recent, recurring] = await Promise.all([
    revenueTotals(),
    ordersByStatus(),
    dailyRevenue(currency),
    listOrders({ statuses: [] }, {}, 10),
    monthlyRecurringRevenue(),
  ]);
  const revenue =
    totals.length > 0 ? totals : [{ currency, today: 0, last7Days: 0, last30Days: 0 }];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Dashboard</h1>
      <Section title="Revenue, net of refunds" id="revenue-heading">
        <DataTable caption="Revenue by period">
          <thead>
            <tr>
              <th scope="col">Currency</th>
              <th scope="col" className="!text-right">
                Today
              </th>
              <th scope="col" className="!text-right">
                7 days
              </th>
              <th scope="col" className="!text-right">
                30 days
              </th>
            </tr>
          </thead>
          <tbody>
            {revenue.map((row) => (
              <tr key={row.currency}>
                <td className="uppercase">{row.currency}</td>
                <td className="text-right text-base font-semibold tabular-nums">
                  {formatMoney(row.today, row.currency)}
                </td>
                <td className="text-right text-base font-semibold tabular-nums">
                  {formatMoney(row.last7Days, row.currency)}
                </td>
                <td className="text-right text-base font-semibold tabular-nums">
                  {formatMoney(row.last30Days, row.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
        <RevenueChart days={days} currency={currency} />
      </Section>
      <Section title="Subscriptions" id="mrr-heading">
        <DataTable caption="Monthly recurring revenue">
          <thead>
            <tr>
              <th scope="col">Currency</th>
              <th scope="col" className="!text-right">
                MRR
              </th>
              <th scope="col" className="!text-right">
                Billing subscriptions
              </th>
            </tr>
          </thead>
          <tbody>
            {recurring.length === 0 ? <EmptyRow columns={3}>No subscriptions yet.</EmptyRow> : null}
            {recurring.map((row) => (
              <tr key={row.currency}>
                <td className="uppercase">{row.currency}</td>
                <td className="text-right text-base font-semibold tabular-nums">
                  {formatMoney(row.mrr, row.currency)}
                </td>
                <td className="text-right tabular-nums">
                  <Link href="/admin/subscriptions">{row.subscriptions}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </Section>
      <div className="grid gap-4 lg:grid-cols-3">
        <Section title="Orders by status" id="status-heading">
          <DataTable caption="Orders by status">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col" className="!text-right">
                  Orders
                </th>
              </tr>
            </thead>
            <tbody>
              {statuses.length === 0 ? <EmptyRow columns={2}>No orders yet.</EmptyRow> : null}
              {statuses.map((row) => (
                <tr key={row.status}>
                  <td>
                    <Link href={`/admin/orders?status=${row.status}`}>
                      <OrderStatusBadge status={row.status} />
                    </Link>
                  </td>
                  <td className="text-right tabular-nums">{row.orders.toLocaleString('en-US')}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </Section>
        <div className="min-w-0 lg:col-span-2">
          <Section title="Recent orders" id="recent-heading">
            <OrdersTable
              rows={recent.rows}
              caption="Ten most recent orders"
              empty="No orders yet."
            />
          </Section>
        </div>
      </div>
    </div>
  );
}
