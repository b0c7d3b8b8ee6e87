import type { Metadata } from 'next';
import Link from 'next/link';
import { AlertCallout } from '@/components/admin/alert-callout';
import { DataTable, EmptyRow } from '@/components/admin/data-table';
import { PayoutsTable } from '@/components/admin/payouts-table';
import { Section } from '@/components/admin/section';
import { balanceNow, listPayouts, upcomingPayouts } from '@/lib/admin/money';
import { requireAdmin } from '@/lib/auth/auth';
import { formatMoney } from '@/lib/money';

export const metadata: Metadata = { title: 'Money' };

export default async function MoneyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const params = await searchParams;
  const before =
    typeof params.before === 'string' && params.before !== '' ? params.before : undefined;
  const [balance, upcoming, payouts] = await Promise.all([
    balanceNow(),
    upcomingPayouts(),
    listPayouts(before),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">Money</h1>
        <Link href="/admin/money/activity" className="text-sm underline underline-offset-2">
          Balance activity report
        </Link>
      </div>

      <Section title="Balance" id="balance-heading">
        {balance.source === 'mirror' ? (
          <AlertCallout title={balance.problem}>
            <p>
              Below is the balance by the store’s copy of Stripe’s transactions, which may be a few
              minutes behind. Reload the page to ask Stripe again.
            </p>
          </AlertCallout>
        ) : (
          <p className="text-sm text-muted">
            As Stripe reports it now. Pending funds become available on Stripe’s payout schedule;
            available funds go out with the next payout.
          </p>
        )}
        <DataTable
          caption={
            balance.source === 'stripe'
              ? 'Balance by currency, from Stripe'
              : 'Balance by currency, from the store’s copy'
          }
        >
          <thead>
            <tr>
              <th scope="col">Currency</th>
              <th scope="col" className="!text-right">
                Available
              </th>
              <th scope="col" className="!text-right">
                Pending
              </th>
            </tr>
          </thead>
          <tbody>
            {balance.balances.length === 0 ? (
              <EmptyRow columns={3}>No balance yet.</EmptyRow>
            ) : null}
            {balance.balances.map((row) => (
              <tr key={row.currency}>
                <td className="uppercase">{row.currency}</td>
                <td className="text-right text-base font-semibold tabular-nums">
                  {formatMoney(row.available, row.currency)}
                </td>
                <td className="text-right text-base font-semibold tabular-nums">
                  {formatMoney(row.pending, row.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </Section>

      <Section title="Next payouts" id="upcoming-heading">
        <PayoutsTable
          rows={upcoming}
          caption="Payouts on their way to the bank, soonest first"
          empty="No payout is on its way."
        />
      </Section>

      <Section title="Payouts" id="payouts-heading">
        <PayoutsTable
          rows={payouts.rows}
          caption="Payouts, newest first"
          empty={before ? 'No older payouts.' : 'No payouts yet.'}
        />
        {before || payouts.older ? (
          <nav aria-label="Payout pages" className="flex gap-4 text-sm">
            {before ? (
              <Link href="/admin/money" className="underline underline-offset-2">
                Newest payouts
              </Link>
            ) : null}
            {payouts.older ? (
              <Link
                href={`/admin/money?before=${encodeURIComponent(payouts.older)}`}
                className="underline underline-offset-2"
              >
                Older payouts
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Section>
    </div>
  );
}
