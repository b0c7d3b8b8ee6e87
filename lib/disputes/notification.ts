import { asc, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { emailOutbox, users, type Order } from '@/db/schema';
import { env } from '@/lib/env';
import { formatMoney } from '@/lib/money';

/**
 * Where the shop is told what needs its attention: NOTIFICATION_EMAIL, or else the first admin
 * account (the owner who set the store up). Null when there is neither.
 */
export async function notificationAddress(executor: Executor): Promise<string | null> {
  const configured = env().NOTIFICATION_EMAIL;
  if (configured) return configured;
  const [owner] = await executor
    .select({ email: users.email })
    .from(users)
    .where(eq(users.role, 'admin'))
    .orderBy(asc(users.createdAt))
    .limit(1);
  return owner?.email ?? null;
}

/**
 * Tells the shop a dispute opened, inside the transaction that records it: once per dispute
 * ((order, kind) is unique), with the deadline, since an unanswered dispute is lost with its fee.
 */
export async function queueDisputeOpenedEmail(
  tx: Executor,
  order: Pick<Order, 'id' | 'number'>,
  dispute: Stripe.Dispute,
): Promise<number | null> {
  const recipient = await notificationAddress(tx);
  if (!recipient) {
    console.warn(`[email] dispute ${dispute.id} opened; no NOTIFICATION_EMAIL or admin to tell`);
    return null;
  }
  const config = env();
  // Events from before evidence details existed (and inquiries) may carry no deadline.
  const dueBy = (dispute.evidence_details as Stripe.Dispute.EvidenceDetails | undefined)?.due_by;
  const deadline = dueBy
    ? new Date(dueBy * 1000).toUTCString()
    : 'none given (an inquiry: answer it anyway)';
  const [queued] = await tx
    .insert(emailOutbox)
    .values({
      orderId: order.id,
      kind: `dispute_opened:${dispute.id}`,
      recipient,
      subject: `${config.STORE_NAME}: order ${order.number} is disputed (${formatMoney(dispute.amount, dispute.currency)})`,
      body: [
        `The payment for order ${order.number} is disputed by the cardholder's bank.`,
        '',
        `Reason: ${dispute.reason.replaceAll('_', ' ')}`,
        `Amount: ${formatMoney(dispute.amount, dispute.currency)}`,
        `Respond by: ${deadline}`,
        '',
        'Without a response the dispute is lost, with its fee. Answer it with evidence, or accept it:',
        `${config.APP_URL}/admin/disputes/${dispute.id}`,
      ].join('\n'),
    })
    .onConflictDoNothing({ target: [emailOutbox.orderId, emailOutbox.kind] })
    .returning({ id: emailOutbox.id });
  return queued?.id ?? null;
}
