import { eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { emailOutbox, stripeEvents, subscriptionInvoices, subscriptions } from '@/db/schema';
import { changeSubscription } from '@/lib/subscriptions/manage';
import { recordAndApply as dispatchStripeEvent } from '@/lib/webhooks/inbox';
import { startPaymentsHarness, type PaymentsHarness } from '@/tests/support/payments-harness';
import {
  advanceSubscriberClock,
  createMembership,
  createSubscriber,
  invoicesOf,
  receiptsOf,
  subscribe,
  subscriptionRow,
} from '@/tests/support/subscriptions-harness';

let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness();
});
afterAll(() => harness.stop());

const TYPES = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
];

/** Every subscription event Stripe sent about one subscription, oldest first (as delivered). */
async function eventsOf(stripeSubscriptionId: string): Promise<Stripe.Event[]> {
  const { data } = await harness.control<{ data: Array<{ eventId: string; eventType: string }> }>(
    'GET',
    '/deliveries',
  );
  const ids = [...new Set(data.filter((d) => TYPES.includes(d.eventType)).map((d) => d.eventId))];
  const events = await Promise.all(ids.map((id) => harness.sdk.events.retrieve(id)));
  return events
    .filter((event) => {
      const object = event.data.object as unknown as Record<string, unknown>;
      const parent = object.parent as { subscription_details?: { subscription?: string } } | null;
      const about =
        object.object === 'subscription'
          ? object.id
          : object.object === 'invoice'
            ? parent?.subscription_details?.subscription
            : object.subscription;
      return about === stripeSubscriptionId;
    })
    .sort((a, b) => a.created - b.created);
}

/** What the store shows of the subscription: its row, its invoices and its receipts. */
async function storedState(subscriptionId: string, stripeSubscriptionId: string) {
  const row = await subscriptionRow(subscriptionId);
  const { id: _id, createdAt: _c, updatedAt: _u, ...subscription } = row;
  return {
    subscription,
    invoices: (await invoicesOf(stripeSubscriptionId)).map(
      ({ id: _i, createdAt: _ic, updatedAt: _iu, ...invoice }) => invoice,
    ),
    receipts: await receiptsOf(stripeSubscriptionId),
  };
}

/** Forgets everything the events wrote, keeping the row's id, so they can be applied again. */
async function forget(
  subscriptionId: string,
  stripeSubscriptionId: string,
  events: Stripe.Event[],
) {
  await db().transaction(async (tx) => {
    const invoices = await tx
      .select({ id: subscriptionInvoices.id })
      .from(subscriptionInvoices)
      .where(eq(subscriptionInvoices.stripeSubscriptionId, stripeSubscriptionId));
    if (invoices.length > 0)
      await tx.delete(emailOutbox).where(
        inArray(
          emailOutbox.subscriptionInvoiceId,
          invoices.map((invoice) => invoice.id),
        ),
      );
    await tx
      .delete(subscriptionInvoices)
      .where(eq(subscriptionInvoices.stripeSubscriptionId, stripeSubscriptionId));
    await tx
      .update(subscriptions)
      .set({
        status: 'incomplete',
        stateEventCreated: null,
        currentPeriodStart: null,
        currentPeriodEnd: null,
        cancelAtPeriodEnd: false,
        canceledAt: null,
        endedAt: null,
        stripeCheckoutSessionId: null,
      })
      .where(eq(subscriptions.id, subscriptionId));
    await tx.delete(stripeEvents).where(
      inArray(
        stripeEvents.id,
        events.map((event) => event.id),
      ),
    );
  });
}

/** A fixed shuffle, so a failure reproduces. */
function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('duplicate and out-of-order subscription events', () => {
  it('any delivery order, each event delivered twice, ends in the state the in-order delivery left', async () => {
    // A life worth replaying: subscribed, renewed, set to cancel, resumed, renewed, then canceled.
    const subscriber = await createSubscriber(harness);
    const subscription = await subscribe(harness, subscriber, await createMembership());
    const stripeId = subscription.stripeSubscriptionId;
    await advanceSubscriberClock(harness, subscriber, 32);
    await changeSubscription(subscriber.userId, subscription.id, 'cancel');
    await harness.deliveriesSettled();
    await changeSubscription(subscriber.userId, subscription.id, 'resume');
    await harness.deliveriesSettled();
    await advanceSubscriberClock(harness, subscriber, 32);
    await changeSubscription(subscriber.userId, subscription.id, 'cancel_now');
    await harness.deliveriesSettled();

    const live = await storedState(subscription.id, stripeId);
    expect(live.subscription.status).toBe('canceled');
    expect(live.invoices.map((invoice) => invoice.status)).toEqual(['paid', 'paid', 'paid']);
    expect(live.receipts).toHaveLength(3);
    const events = await eventsOf(stripeId);
    expect(events.length).toBeGreaterThanOrEqual(10);

    const orders = [
      [...events].reverse(),
      shuffled(events, 1),
      shuffled(events, 2),
      shuffled(events, 3),
    ];
    for (const order of orders) {
      await forget(subscription.id, stripeId, events);
      for (const event of order) {
        expect((await dispatchStripeEvent(event)).kind).toBe('processed');
        expect((await dispatchStripeEvent(event)).kind).toBe('duplicate');
      }
      expect(await storedState(subscription.id, stripeId)).toEqual(live);
    }
  });

  it('an older snapshot delivered after a newer one changes nothing', async () => {
    const subscriber = await createSubscriber(harness);
    const subscription = await subscribe(harness, subscriber, await createMembership());
    await changeSubscription(subscriber.userId, subscription.id, 'cancel');
    await harness.deliveriesSettled();
    const [created] = (await eventsOf(subscription.stripeSubscriptionId)).filter(
      (event) => event.type === 'customer.subscription.created',
    );
    const stale = { ...created!, id: `${created!.id}_redelivered_late` } as Stripe.Event;

    expect(await dispatchStripeEvent(stale)).toEqual({
      kind: 'processed',
      detail: `subscription ${subscription.stripeSubscriptionId} stays active: older snapshot`,
    });
    expect(await subscriptionRow(subscription.id)).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: true,
    });
  });
});
