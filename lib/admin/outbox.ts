import { desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { emailOutbox, orders, type EmailOutbox } from '@/db/schema';
import { SIGN_IN_LINK } from '@/lib/auth/sign-in-link';

export type OutboxRow = Pick<
  EmailOutbox,
  | 'id'
  | 'kind'
  | 'recipient'
  | 'subject'
  | 'status'
  | 'attempts'
  | 'lastError'
  | 'sentAt'
  | 'createdAt'
> & { orderNumber: number | null };

const columns = {
  id: emailOutbox.id,
  kind: emailOutbox.kind,
  recipient: emailOutbox.recipient,
  subject: emailOutbox.subject,
  status: emailOutbox.status,
  attempts: emailOutbox.attempts,
  lastError: emailOutbox.lastError,
  sentAt: emailOutbox.sentAt,
  createdAt: emailOutbox.createdAt,
  orderNumber: orders.number,
};

export async function listOutbox(limit = 100): Promise<OutboxRow[]> {
  return db()
    .select(columns)
    .from(emailOutbox)
    .leftJoin(orders, eq(orders.id, emailOutbox.orderId))
    .orderBy(desc(emailOutbox.id))
    .limit(limit);
}

export async function findOutboxMessage(
  id: number,
): Promise<(OutboxRow & { body: string }) | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const [row] = await db()
    .select({ ...columns, body: emailOutbox.body })
    .from(emailOutbox)
    .leftJoin(orders, eq(orders.id, emailOutbox.orderId))
    .where(eq(emailOutbox.id, id));
  if (!row) return null;
  // A customer's sign-in link is a key to their account: admins see that one was sent, not the key.
  if (row.kind === SIGN_IN_LINK)
    row.body = row.body.replace(/https?:\/\/\S+/g, '[sign-in link hidden]');
  return row;
}
