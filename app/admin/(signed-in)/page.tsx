import type { Metadata } from 'next';
import Link from 'next/link';
import { AlertCallout } from '@/components/admin/alert-callout';
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
  type PeriodRevenue,
} from '@/lib/admin/dashboard';
import { failedPayoutsToAct } from '@/lib/admin/money';
import { payoutFailureAdvice } from '@/lib/admin/money-rules';
import { listOrders } from '@/lib/admin/order-list';
import { requireAdmin } from '@/lib/auth/auth';
import { actionableFraudWarnings, disputesNeedingResponse } from '@/lib/disputes/queries';
import { disputeReason, timeLeft } from '@/components/admin/dispute-status';
import { formatAdminTime } from '@/components/admin/orders-table';
import { env } from '@/lib/env';
import { formatMoney } from '@/lib/money';
import { DASHBOARD_PERIOD_DAYS, redemptionsByCode } from '@/lib/promotions/queries';

export const metadata: Metadata = { title: 'Dashboard' };

const PERIODS = ['today', 'last7Days', 'last30Days'] as const;
// Deductions show as negative amounts, so each column reads as a sum down to the net (`0 +` turns
// a negated zero into 0, which Intl would print as "-$0.00").
const REVENUE_LINES = [
  { key: 'gross', label: 'Gross sales', sign: 1 },
  { key: 'refunded', label: 'Refunds', sign: -1 },
  { key: 'disputed', label: 'Disputes', sign: 1 },
  { key: 'fees', label: 'Stripe fees', sign: -1 },
  { key: 'net', label: 'Net', sign: 1 },
] as const satisfies ReadonlyArray<{ key: keyof PeriodRevenue; label: string; sign: 1 | -1 }>;

export default async function DashboardPage() {
  await requireAdmin();
  const currency = env().STORE_CURRENCY;
  const [
    totals,
    statuses,
    days,
    recent,
    recurring,
    failedPayouts,
    disputes,
    fraudWarnings,
    promotions,
  ] = await Promise.all([
    revenueTotals(),
    ordersByStatus(),
    dailyRevenue(currency),
    listOrders({ statuses: [] }, {}, 10),
    monthlyRecurringRevenue(),
    failedPayoutsToAct(),
    disputesNeedingResponse(),
    actionableFraudWarnings(),
    redemptionsByCode(),
  ]);
  const nothing = { gross: 0, refunded: 0, disputed: 0, fees: 0, net: 0 };
  const revenue =
    totals.length > 0
      ? totals
      : [
          {
            currency,
            today: nothing,
            last7Days: nothing,
            last30Days: nothing,
            ordersAwaitingFees: 0,
          },
        ];
  const awaitingFees = revenue.reduce((sum, row) => sum + row.ordersAwaitingFees, 0);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Dashboard</h1>
      {failedPayouts.map((payout) => (
        <AlertCallout
          key={payout.id}
          title={`A payout of ${formatMoney(payout.amount, payout.currency)} failed: ${payout.failureMessage ?? 'the bank refused it'}${payout.failureCode ? ` (${payout.failureCode})` : ''}`}
        >
          <p>{payoutFailureAdvice(payout.failureCode)}</p>
          <p>
            <Link
              href={`/admin/money/payouts/${payout.id}`}
              className="font-medium underline underline-offset-2"
            >
              Payout {payout.id}
            </Link>
          </p>
        </AlertCallout>
      ))}
      {disputes.length > 0 ? (
        <AlertCallout
          title={`${disputes.length === 1 ? 'A dispute needs' : `${disputes.length} disputes need`} your response`}
        >
          <p>Unanswered, a dispute is lost with its fee. Most urgent first:</p>
          <ul className="flex flex-col gap-1">
            {disputes.map((dispute) => (
              <li key={dispute.id}>
                <Link
                  href={`/admin/disputes/${dispute.id}`}
                  className="font-medium underline underline-offset-2"
                >
                  {formatMoney(dispute.amount, dispute.currency)}
                  {dispute.orderNumber ? ` on order #${dispute.orderNumber}` : ''} (
                  {disputeReason(dispute.reason)})
                </Link>
                : respond by {dispute.evidenceDueBy ? formatAdminTime(dispute.evidenceDueBy) : '—'},{' '}
                <strong>{timeLeft(dispute.evidenceDueBy)}</strong>
              </li>
            ))}
          </ul>
        </AlertCallout>
      ) : null}
      {fraudWarnings.map((warning) => (
        <AlertCallout
          key={warning.id}
          title={`Order #${warning.orderNumber} has an early fraud warning (${warning.fraudType.replaceAll('_', ' ')})`}
        >
          <p>
            The card’s issuer reports this payment as likely fraud. Refunding it in full now avoids
            a dispute and its fee.
          </p>
          <p>
            <Link
              href={`/admin/orders/${warning.orderNumber}`}
              className="font-medium underline underline-offset-2"
            >
              Order #{warning.orderNumber}
            </Link>
          </p>
        </AlertCallout>
      ))}
      <Section title="Revenue" id="revenue-heading">
        {revenue.map((row) => (
          <DataTable key={row.currency} caption={`Revenue in ${row.currency.toUpperCase()}`}>
            <thead>
              <tr>
                <th scope="col">{row.currency.toUpperCase()}</th>
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
              {REVENUE_LINES.map(({ key, label, sign }) => (
                <tr key={key} className={key === 'net' ? 'font-semibold' : undefined}>
                  <th
                    scope="row"
                    className={`!bg-white !text-ink ${key === 'net' ? '!font-semibold' : '!font-normal'}`}
                  >
                    {label}
                  </th>
                  {PERIODS.map((period) => (
                    <td key={period} className="text-right tabular-nums">
                      {formatMoney(0 + sign * row[period][key], row.currency)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </DataTable>
        ))}
        <p className="text-xs text-muted">
          By payment date: refunds, disputes and fees count in the period their order was paid in.
          Fees and disputes come from Stripe’s balance transactions
          {awaitingFees > 0
            ? `; ${awaitingFees} ${awaitingFees === 1 ? 'order' : 'orders'} of the last 30 days ${awaitingFees === 1 ? 'is' : 'are'} not synced from Stripe yet, so ${awaitingFees === 1 ? 'its' : 'their'} fees are not counted.`
            : '.'}{' '}
          <Link href="/admin/money" className="underline underline-offset-2">
            Balance and payouts
          </Link>
        </p>
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
      <Section title="Promotion codes" id="promotions-heading">
        <DataTable caption={`Promotion codes used in the last ${DASHBOARD_PERIOD_DAYS} days`}>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col" className="!text-right">
                Redemptions
              </th>
              <th scope="col" className="!text-right">
                Discount given
              </th>
            </tr>
          </thead>
          <tbody>
            {promotions.length === 0 ? (
              <EmptyRow columns={3}>
                No promotion code was used in the last {DASHBOARD_PERIOD_DAYS} days.
              </EmptyRow>
            ) : null}
            {promotions.map((row) => (
              <tr key={`${row.promotionCodeId}:${row.currency}`}>
                <td className="font-mono">{row.code}</td>
                <td className="text-right tabular-nums">
                  {row.redemptions.toLocaleString('en-US')}
                </td>
                <td className="text-right tabular-nums">
                  {formatMoney(row.discountGiven, row.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
        <p className="text-xs text-muted">
          Paid orders of the last {DASHBOARD_PERIOD_DAYS} days that used a code, refunded ones
          included.{' '}
          <Link href="/admin/promotions" className="underline underline-offset-2">
            All promotion codes
          </Link>
        </p>
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
