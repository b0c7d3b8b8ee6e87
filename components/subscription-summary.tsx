import { Badge } from '@/components/admin/badge';
import type { Subscription, SubscriptionInvoice } from '@/db/schema';
import { formatMoney, formatRecurringPrice } from '@/lib/money';
import {
  pendingChangeLabel,
  renewalLine,
  subscriptionStatusLabel,
  subscriptionStatusTone,
} from '@/lib/subscriptions/status';

export function SubscriptionStatusBadge({ status }: { status: string }) {
  return <Badge tone={subscriptionStatusTone(status)}>{subscriptionStatusLabel(status)}</Badge>;
}

/** "100,00 kr / month", or nothing until the subscription's own event has told us its price. */
export function subscriptionPrice(subscription: Subscription): string | null {
  if (subscription.unitAmount === null || !subscription.currency || !subscription.interval)
    return null;
  return formatRecurringPrice(subscription.unitAmount, subscription.currency, {
    interval: subscription.interval,
    intervalCount: subscription.intervalCount ?? 1,
  });
}

/** Status, price, the next renewal or end, and any change still waiting for Stripe. */
export function SubscriptionSummary({ subscription }: { subscription: Subscription }) {
  const price = subscriptionPrice(subscription);
  const renewal = renewalLine(subscription);
  const pending = pendingChangeLabel(subscription.pendingChange);
  return (
    <div className="flex flex-col gap-1 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <SubscriptionStatusBadge status={subscription.status} />
        {price ? <span className="tabular-nums">{price}</span> : null}
      </p>
      {renewal ? <p className="text-muted">{renewal}</p> : null}
      {pending ? (
        <p role="status" className="text-warn">
          {pending}
        </p>
      ) : null}
    </div>
  );
}

const INVOICE_LABELS: Record<string, string> = {
  paid: 'Paid',
  open: 'Payment failed',
  draft: 'Draft',
  void: 'Void',
  uncollectible: 'Uncollectible',
};

const day = (date: Date | null) =>
  date?.toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }) ?? '';

/** One subscription's invoices, oldest first: period, amount and whether it was paid. */
export function InvoiceList({ invoices }: { invoices: SubscriptionInvoice[] }) {
  if (invoices.length === 0) return <p className="text-sm text-muted">No invoices yet.</p>;
  return (
    <ul aria-label="Invoices" className="flex flex-col gap-1 text-sm">
      {invoices.map((invoice) => (
        <li key={invoice.id} className="flex flex-wrap justify-between gap-2">
          <span>
            {day(invoice.periodStart)} – {day(invoice.periodEnd)}
          </span>
          <span className="tabular-nums">
            {formatMoney(
              invoice.status === 'paid' ? invoice.amountPaid : invoice.amountDue,
              invoice.currency,
            )}{' '}
            {INVOICE_LABELS[invoice.status] ?? invoice.status}
          </span>
        </li>
      ))}
    </ul>
  );
}
