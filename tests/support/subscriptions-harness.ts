// Subscriptions end to end without a browser: a user with a Stripe Customer made directly through
// the SDK (what ensureStripeCustomer does at sign-in), a recurring product, and a subscription
// Checkout paid on the emulator's hosted page, with webhooks into the real route.
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import {
  emailOutbox,
  products,
  subscriptionInvoices,
  subscriptions,
  users,
  type Product,
  type Subscription,
} from '@/db/schema';
import { startSubscriptionCheckout } from '@/lib/subscriptions/checkout';
import { eventually, payOnHostedPage, type PaymentsHarness } from './payments-harness';

export const FAILS_RENEWAL_CARD = '4000000000000341';

export interface Subscriber {
  userId: string;
  email: string;
  stripeCustomerId: string;
  /** The test clock the Stripe Customer lives on: time travel for its subscriptions. */
  testClockId: string;
}

/**
 * A user whose Stripe Customer was created on its own test clock, frozen at the current time, as
 * a Stripe integration test sets one up: advancing the clock renews only this customer's billing.
 */
export async function createSubscriber(harness: PaymentsHarness): Promise<Subscriber> {
  const email = `member-${randomBytes(4).toString('hex')}@example.com`;
  const [user] = await db().insert(users).values({ email }).returning({ id: users.id });
  const clock = await harness.sdk.testHelpers.testClocks.create({
    frozen_time: Math.floor(Date.now() / 1000),
    name: email,
  });
  const customer = await harness.sdk.customers.create({
    email,
    metadata: { user_id: user!.id },
    test_clock: clock.id,
  });
  await db().update(users).set({ stripeCustomerId: customer.id }).where(eq(users.id, user!.id));
  return { userId: user!.id, email, stripeCustomerId: customer.id, testClockId: clock.id };
}

/** Moves the subscriber's test clock `days` on, waits until it is ready and its webhooks settled. */
export async function advanceSubscriberClock(
  harness: PaymentsHarness,
  subscriber: Subscriber,
  days: number,
): Promise<void> {
  const clocks = harness.sdk.testHelpers.testClocks;
  const { frozen_time } = await clocks.retrieve(subscriber.testClockId);
  await clocks.advance(subscriber.testClockId, { frozen_time: frozen_time + days * 24 * 60 * 60 });
  await eventually(
    async () => (await clocks.retrieve(subscriber.testClockId)).status === 'ready',
    'the test clock to be ready',
  );
  await harness.deliveriesSettled();
}

/** A 100 kr a month product (unique slug). */
export async function createMembership(): Promise<Product> {
  const [product] = await db()
    .insert(products)
    .values({
      slug: `coffee-club-${randomBytes(4).toString('hex')}`,
      name: 'Coffee club',
      unitAmount: 10000,
      currency: 'sek',
      recurringInterval: 'month',
      recurringIntervalCount: 1,
    })
    .returning();
  return product!;
}

/** Subscribes on the hosted page and waits until the store has the subscription as `status`. */
export async function subscribe(
  harness: PaymentsHarness,
  subscriber: Subscriber,
  product: Product,
  card = '4242424242424242',
): Promise<Subscription> {
  const started = await startSubscriptionCheckout({ ...subscriber, productId: product.id });
  if (started.kind !== 'redirect') throw new Error(`refused: ${started.message}`);
  await payOnHostedPage(started.url, card);
  await harness.deliveriesSettled();
  return eventually(async () => {
    const [row] = await db()
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.stripeCheckoutSessionId, started.sessionId));
    return row?.status === 'active' ? row : null;
  }, 'the subscription to be active');
}

export async function subscriptionRow(id: string): Promise<Subscription> {
  const [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, id));
  return row!;
}

export function invoicesOf(stripeSubscriptionId: string) {
  return db()
    .select()
    .from(subscriptionInvoices)
    .where(eq(subscriptionInvoices.stripeSubscriptionId, stripeSubscriptionId))
    .orderBy(asc(subscriptionInvoices.periodStart));
}

export async function receiptsOf(stripeSubscriptionId: string) {
  return db()
    .select({ recipient: emailOutbox.recipient, subject: emailOutbox.subject })
    .from(emailOutbox)
    .innerJoin(subscriptionInvoices, eq(subscriptionInvoices.id, emailOutbox.subscriptionInvoiceId))
    .where(eq(subscriptionInvoices.stripeSubscriptionId, stripeSubscriptionId))
    .orderBy(asc(emailOutbox.id));
}
