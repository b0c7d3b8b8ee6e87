import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { stripe } from '@/lib/stripe';

/**
 * The account's Stripe Customer id (cus_...), created on first use. Two requests racing here send
 * the same idempotency key, so Stripe answers both with the same Customer (keys live 24 h), and
 * the conditional update keeps whichever id was stored first.
 */
export async function ensureStripeCustomer(userId: string): Promise<string> {
  const [user] = await db()
    .select({ email: users.email, name: users.name, stripeCustomerId: users.stripeCustomerId })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user) throw new Error(`No user ${userId}`);
  if (user.stripeCustomerId) return user.stripeCustomerId;

  const customer = await stripe().customers.create(
    {
      email: user.email ?? undefined,
      name: user.name ?? undefined,
      metadata: { user_id: userId },
    },
    { idempotencyKey: `customer-for-user-${userId}` },
  );
  await db()
    .update(users)
    .set({ stripeCustomerId: customer.id })
    .where(and(eq(users.id, userId), isNull(users.stripeCustomerId)));
  const [stored] = await db()
    .select({ stripeCustomerId: users.stripeCustomerId })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return stored?.stripeCustomerId ?? customer.id;
}
