import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import {
  subscriptionInvoices,
  subscriptions,
  users,
  type Subscription,
  type SubscriptionInvoice,
} from '@/db/schema';

export interface SubscriptionWithInvoices extends Subscription {
  invoices: SubscriptionInvoice[];
}

async function withInvoices(rows: Subscription[]): Promise<SubscriptionWithInvoices[]> {
  if (rows.length === 0) return [];
  const invoices = await db()
    .select()
    .from(subscriptionInvoices)
    .where(
      inArray(
        subscriptionInvoices.stripeSubscriptionId,
        rows.map((row) => row.stripeSubscriptionId),
      ),
    )
    .orderBy(asc(subscriptionInvoices.periodStart), asc(subscriptionInvoices.createdAt));
  return rows.map((row) => ({
    ...row,
    invoices: invoices.filter(
      (invoice) => invoice.stripeSubscriptionId === row.stripeSubscriptionId,
    ),
  }));
}

/** A customer's subscriptions, newest first, each with its invoices oldest first. */
export async function subscriptionsOf(userId: string): Promise<SubscriptionWithInvoices[]> {
  const rows = await db()
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.createdAt));
  return withInvoices(rows);
}

/** The subscription a customer's Checkout Session started, once its webhook has named it. */
export async function subscriptionOfCheckoutSession(
  userId: string,
  sessionId: string,
): Promise<SubscriptionWithInvoices | null> {
  const rows = await db()
    .select()
    .from(subscriptions)
    .where(
      and(eq(subscriptions.userId, userId), eq(subscriptions.stripeCheckoutSessionId, sessionId)),
    );
  const [found] = await withInvoices(rows);
  return found ?? null;
}

/** The newest subscriptions for /admin, with their customer's email and invoices. */
export async function allSubscriptions(
  limit = 200,
): Promise<Array<SubscriptionWithInvoices & { email: string | null }>> {
  const rows = await db()
    .select({ subscription: subscriptions, email: users.email })
    .from(subscriptions)
    .leftJoin(users, eq(users.id, subscriptions.userId))
    .orderBy(desc(subscriptions.createdAt))
    .limit(limit);
  const withRows = await withInvoices(rows.map((row) => row.subscription));
  return withRows.map((row, index) => ({ ...row, email: rows[index]?.email ?? null }));
}
