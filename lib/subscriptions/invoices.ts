import { stripeIdOf } from '@/lib/platform/identifiers';
import type { Executor } from '@/db/client';
import { eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { subscriptionInvoices, type SubscriptionInvoice } from '@/db/schema';
import { queueSubscriptionReceipt } from '@/lib/subscriptions/receipt-email';
import { linksFromMetadata, lockSubscription } from './record';

/** Stripe's invoice statuses in the only order they move: a paid invoice never becomes unpaid. */
const INVOICE_PROGRESS: Record<string, number> = {
  draft: 0,
  open: 1,
  paid: 2,
  uncollectible: 2,
  void: 2,
};

/** The subscription an invoice bills: `parent.subscription_details` since API 2025-03-31. */
export function subscriptionIdOfInvoice(invoice: Stripe.Invoice): string | null {
  return stripeIdOf(invoice.parent?.subscription_details?.subscription);
}

export interface InvoiceRecorded {
  invoice: SubscriptionInvoice;
  queuedEmailIds: number[];
}

/**
 * invoice.paid and invoice.payment_failed carry the invoice as it is: upsert it by Stripe's id,
 * never moving it backwards (a late payment_failed after the retry paid it changes nothing), and
 * queue one receipt when it is first seen paid. The outbox's (invoice, kind) key keeps it to one.
 */
export async function recordInvoice(
  tx: Executor,
  invoice: Stripe.Invoice,
  stripeSubscriptionId: string,
): Promise<InvoiceRecorded> {
  // The invoice may be the first event to name its subscription: create and link the row from the
  // metadata the invoice carries, so the receipt can say what it is for and whose it is.
  await lockSubscription(
    tx,
    stripeSubscriptionId,
    linksFromMetadata(invoice.parent?.subscription_details?.metadata),
  );
  const line = invoice.lines.data[0];
  const values = {
    stripeInvoiceId: invoice.id!,
    stripeSubscriptionId,
    status: invoice.status ?? 'open',
    billingReason: invoice.billing_reason,
    currency: invoice.currency,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    attemptCount: invoice.attempt_count,
    periodStart: new Date((line?.period.start ?? invoice.period_start) * 1000),
    periodEnd: new Date((line?.period.end ?? invoice.period_end) * 1000),
    customerEmail: invoice.customer_email,
    paidAt:
      invoice.status === 'paid'
        ? new Date((invoice.status_transitions.paid_at ?? invoice.created) * 1000)
        : null,
  };
  await tx
    .insert(subscriptionInvoices)
    .values({ ...values, status: 'draft' })
    .onConflictDoNothing({ target: subscriptionInvoices.stripeInvoiceId });
  const [stored] = await tx
    .select()
    .from(subscriptionInvoices)
    .where(eq(subscriptionInvoices.stripeInvoiceId, values.stripeInvoiceId))
    .for('update');
  const isForward =
    (INVOICE_PROGRESS[values.status] ?? 0) >= (INVOICE_PROGRESS[stored!.status] ?? 0) &&
    stored!.status !== 'paid';
  const [row] = isForward
    ? await tx
        .update(subscriptionInvoices)
        .set({
          ...values,
          attemptCount: Math.max(values.attemptCount, stored!.attemptCount),
          updatedAt: sql`now()`,
        })
        .where(eq(subscriptionInvoices.id, stored!.id))
        .returning()
    : [stored!];
  const queued =
    row!.status === 'paid' && row!.amountPaid > 0 ? await queueSubscriptionReceipt(tx, row!) : null;
  return { invoice: row!, queuedEmailIds: queued === null ? [] : [queued] };
}
