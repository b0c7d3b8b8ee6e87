import type { Executor } from '@/db/client';
import { eq } from 'drizzle-orm';
import { emailOutbox, subscriptions, users, type SubscriptionInvoice } from '@/db/schema';
import { env } from '@/lib/env';
import { formatMoney } from '@/lib/money';
import type { EmailContent } from '@/lib/orders/confirmation-email';

export const SUBSCRIPTION_RECEIPT = 'subscription_receipt';

const day = (date: Date | null) => date?.toISOString().slice(0, 10) ?? '';

/** The receipt's words: what was paid, for which subscription and which period. */
export function buildSubscriptionReceipt(
  invoice: Pick<SubscriptionInvoice, 'amountPaid' | 'currency' | 'periodStart' | 'periodEnd'>,
  subscriptionName: string | null,
  store: { name: string; appUrl: string },
): EmailContent {
  const amount = formatMoney(invoice.amountPaid, invoice.currency);
  const what = subscriptionName ?? 'your subscription';
  return {
    subject: `${store.name}: receipt for ${what} (${amount})`,
    body: [
      'Hello,',
      '',
      `We have received ${amount} for ${what}, covering ${day(invoice.periodStart)} to ${day(invoice.periodEnd)}.`,
      '',
      `Your subscriptions: ${new URL('/account/subscriptions', store.appUrl)}`,
      '',
      `— ${store.name}`,
    ].join('\n'),
  };
}

/**
 * Queues the receipt in the transaction that records the invoice paid. (subscription_invoice_id,
 * kind) is unique, so a redelivered invoice.paid queues nothing more. Returns the id if queued now.
 */
export async function queueSubscriptionReceipt(
  tx: Executor,
  invoice: SubscriptionInvoice,
): Promise<number | null> {
  const [subscription] = await tx
    .select({ name: subscriptions.name, email: users.email })
    .from(subscriptions)
    .leftJoin(users, eq(users.id, subscriptions.userId))
    .where(eq(subscriptions.stripeSubscriptionId, invoice.stripeSubscriptionId));
  const recipient = invoice.customerEmail ?? subscription?.email;
  if (!recipient) {
    console.warn(`[email] invoice ${invoice.stripeInvoiceId} is paid but has no email address`);
    return null;
  }
  const config = env();
  const content = buildSubscriptionReceipt(invoice, subscription?.name ?? null, {
    name: config.STORE_NAME,
    appUrl: config.APP_URL,
  });
  const [queued] = await tx
    .insert(emailOutbox)
    .values({
      subscriptionInvoiceId: invoice.id,
      kind: SUBSCRIPTION_RECEIPT,
      recipient,
      ...content,
    })
    .onConflictDoNothing({ target: [emailOutbox.subscriptionInvoiceId, emailOutbox.kind] })
    .returning({ id: emailOutbox.id });
  return queued?.id ?? null;
}
