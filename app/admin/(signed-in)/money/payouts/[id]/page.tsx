import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AlertCallout } from '@/components/admin/alert-callout';
import { PayoutStatusBadge } from '@/components/admin/badge';
import { BalanceTransactionsTable } from '@/components/admin/balance-transactions-table';
import { formatAdminDate, formatAdminTime } from '@/components/admin/orders-table';
import { Section } from '@/components/admin/section';
import { StripeId } from '@/components/admin/stripe-id';
import { findPayoutDetail } from '@/lib/admin/money';
import { payoutFailureAdvice, type Reconciliation } from '@/lib/admin/money-rules';
import { requireAdmin } from '@/lib/auth/auth';
import { formatMoney } from '@/lib/money';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Payout ${(await params).id}` };
}

/** The reconciliation as one sentence: a match, the difference, or why there is nothing to compare. */
function reconciliationText(
  reconciliation: Reconciliation,
  count: number,
  net: string,
  money: (amount: number) => string,
): string {
  const transactions = `${count} ${count === 1 ? 'transaction' : 'transactions'}`;
  switch (reconciliation.kind) {
    case 'not_synced':
      return 'Transactions not yet synced: the store has not yet read from Stripe which transactions this payout paid out. They appear here after the next sync.';
    case 'reconciled':
      return `Reconciled: the net of its ${transactions}, ${net}, equals the payout.`;
    case 'difference':
      return `Does not reconcile: the net of its ${transactions} is ${net}, ${money(Math.abs(reconciliation.difference))} ${reconciliation.difference > 0 ? 'less' : 'more'} than the payout.`;
  }
}

export default async function PayoutPage({ params }: { params: Params }) {
  await requireAdmin();
  const id = (await params).id;
  const detail = /^po_[A-Za-z0-9]{1,250}$/.test(id) ? await findPayoutDetail(id) : null;
  if (!detail) notFound();
  const { payout, transactions, totals, reconciliation } = detail;
  const money = (amount: number) => formatMoney(amount, payout.currency);
  const arrived = payout.status === 'paid';

  return (
    <div className="flex flex-col gap-4">
      <Link href="/admin/money" className="text-sm text-muted hover:underline">
        ← Money
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="break-all text-xl font-semibold">Payout {payout.id}</h1>
        <PayoutStatusBadge status={payout.status} />
      </div>

      {payout.status === 'failed' ? (
        <AlertCallout
          title={`This payout failed: ${payout.failureMessage ?? 'the bank refused it'}${payout.failureCode ? ` (${payout.failureCode})` : ''}`}
        >
          <p>{payoutFailureAdvice(payout.failureCode)}</p>
        </AlertCallout>
      ) : null}

      <Section title="Details" id="details-heading">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted">Amount</dt>
          <dd className="font-semibold tabular-nums">{money(payout.amount)}</dd>
          <dt className="text-muted">Created</dt>
          <dd>{formatAdminTime(payout.created)}</dd>
          <dt className="text-muted">{arrived ? 'Arrived' : 'Expected'}</dt>
          <dd>{formatAdminDate(payout.arrivalDate)}</dd>
          {payout.description ? (
            <>
              <dt className="text-muted">Description</dt>
              <dd>{payout.description}</dd>
            </>
          ) : null}
          <dt className="text-muted">Balance transaction</dt>
          <dd>
            <StripeId id={payout.balanceTransactionId} />
          </dd>
          {payout.failureBalanceTransactionId ? (
            <>
              <dt className="text-muted">Funds returned by</dt>
              <dd>
                <StripeId id={payout.failureBalanceTransactionId} />
              </dd>
            </>
          ) : null}
        </dl>
      </Section>

      <Section title="What it paid out" id="transactions-heading">
        <p
          className={`text-sm font-medium ${reconciliation.kind === 'difference' ? 'text-danger' : ''}`}
        >
          {reconciliationText(reconciliation, totals.count, money(totals.net), money)}
        </p>
        <BalanceTransactionsTable
          rows={transactions}
          caption="Balance transactions this payout paid out"
          empty={
            reconciliation.kind === 'not_synced'
              ? 'Not synced from Stripe yet.'
              : 'No transactions.'
          }
          link="order"
          totals={{ ...totals, currency: payout.currency }}
        />
        <p className="text-sm">
          {transactions.length < totals.count
            ? `Showing the newest ${transactions.length} of ${totals.count}. `
            : null}
          <Link
            href={`/admin/money/activity?payout=${encodeURIComponent(payout.id)}`}
            className="underline underline-offset-2"
          >
            This payout in the balance activity report
          </Link>
        </p>
      </Section>
    </div>
  );
}
