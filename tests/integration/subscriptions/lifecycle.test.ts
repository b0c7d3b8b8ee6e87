import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '@/lib/money';
import { changeSubscription } from '@/lib/subscriptions/manage';
import { startPaymentsHarness, type PaymentsHarness } from '@/tests/support/payments-harness';
import {
  advanceSubscriberClock,
  createMembership,
  createSubscriber,
  FAILS_RENEWAL_CARD,
  invoicesOf,
  receiptsOf,
  subscribe,
  subscriptionRow,
} from '@/tests/support/subscriptions-harness';

const DAY = 24 * 60 * 60;
let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness();
});
afterAll(() => harness.stop());

describe('subscribing', () => {
  it('records an active subscription linked to its customer and product, its first paid invoice and one receipt', async () => {
    const subscriber = await createSubscriber(harness);
    const product = await createMembership();

    const subscription = await subscribe(harness, subscriber, product);

    expect(subscription).toMatchObject({
      userId: subscriber.userId,
      productId: product.id,
      stripeCustomerId: subscriber.stripeCustomerId,
      status: 'active',
      name: 'Coffee club',
      unitAmount: 10000,
      currency: 'sek',
      interval: 'month',
      intervalCount: 1,
      cancelAtPeriodEnd: false,
      pendingChange: null,
    });
    expect(subscription.currentPeriodEnd!.getTime()).toBeGreaterThan(Date.now() + 27 * DAY * 1000);
    const invoices = await invoicesOf(subscription.stripeSubscriptionId);
    expect(invoices.map((i) => [i.status, i.amountPaid, i.billingReason])).toEqual([
      ['paid', 10000, 'subscription_create'],
    ]);
    const receipts = await receiptsOf(subscription.stripeSubscriptionId);
    expect(receipts).toEqual([
      {
        recipient: subscriber.email,
        subject: `Shopfront: receipt for Coffee club (${formatMoney(10000, 'sek')})`,
      },
    ]);
  });

  it('refuses a second subscription to the same product while the first one lives', async () => {
    const subscriber = await createSubscriber(harness);
    const product = await createMembership();
    await subscribe(harness, subscriber, product);
    const { startSubscriptionCheckout } = await import('@/lib/subscriptions/checkout');
    expect(await startSubscriptionCheckout({ ...subscriber, productId: product.id })).toEqual({
      kind: 'rejected',
      message: 'You already subscribe to Coffee club.',
    });
  });
});

describe('renewals', () => {
  it('its test clock passing the period end renews it: a second paid invoice, a second receipt, the next period', async () => {
    const subscriber = await createSubscriber(harness);
    const subscription = await subscribe(harness, subscriber, await createMembership());

    await advanceSubscriberClock(harness, subscriber, 32);

    const renewed = await subscriptionRow(subscription.id);
    expect(renewed.status).toBe('active');
    expect(renewed.currentPeriodEnd!.getTime()).toBeGreaterThan(
      subscription.currentPeriodEnd!.getTime(),
    );
    const invoices = await invoicesOf(subscription.stripeSubscriptionId);
    expect(invoices.map((i) => [i.status, i.amountPaid, i.billingReason])).toEqual([
      ['paid', 10000, 'subscription_create'],
      ['paid', 10000, 'subscription_cycle'],
    ]);
    expect(invoices[1]!.periodStart).toEqual(subscription.currentPeriodEnd);
    expect(await receiptsOf(subscription.stripeSubscriptionId)).toHaveLength(2);
  });

  it('a card that fails renewals (0341) leaves the subscription past due with an open invoice and no receipt for it', async () => {
    const subscriber = await createSubscriber(harness);
    const subscription = await subscribe(
      harness,
      subscriber,
      await createMembership(),
      FAILS_RENEWAL_CARD,
    );

    await advanceSubscriberClock(harness, subscriber, 32);

    expect((await subscriptionRow(subscription.id)).status).toBe('past_due');
    const invoices = await invoicesOf(subscription.stripeSubscriptionId);
    expect(invoices.map((i) => [i.status, i.amountPaid, i.amountDue, i.attemptCount])).toEqual([
      ['paid', 10000, 10000, 1],
      ['open', 0, 10000, 1],
    ]);
    expect(await receiptsOf(subscription.stripeSubscriptionId)).toHaveLength(1);
  });
});

describe('managing a subscription', () => {
  it('cancel at period end, then resume: each asked of Stripe, pending until its webhook shows it', async () => {
    const subscriber = await createSubscriber(harness);
    const subscription = await subscribe(harness, subscriber, await createMembership());

    const cancel = await changeSubscription(subscriber.userId, subscription.id, 'cancel');
    expect(cancel).toEqual({
      ok: true,
      message: expect.stringMatching(/^Coffee club will end on \d{1,2} \w+ \d{4}\.$/) as string,
    });
    await harness.deliveriesSettled();
    expect(await subscriptionRow(subscription.id)).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: true,
      pendingChange: null,
    });
    const stripeSide = await harness.sdk.subscriptions.retrieve(subscription.stripeSubscriptionId);
    expect(stripeSide.cancel_at_period_end).toBe(true);

    expect((await changeSubscription(subscriber.userId, subscription.id, 'resume')).ok).toBe(true);
    await harness.deliveriesSettled();
    expect(await subscriptionRow(subscription.id)).toMatchObject({
      status: 'active',
      cancelAtPeriodEnd: false,
      pendingChange: null,
    });
  });

  it('cancel now ends it at once; nothing more can be changed', async () => {
    const subscriber = await createSubscriber(harness);
    const subscription = await subscribe(harness, subscriber, await createMembership());

    expect(await changeSubscription(subscriber.userId, subscription.id, 'cancel_now')).toEqual({
      ok: true,
      message: 'Coffee club is canceled.',
    });
    await harness.deliveriesSettled();
    const ended = await subscriptionRow(subscription.id);
    expect(ended).toMatchObject({ status: 'canceled', pendingChange: null });
    expect(ended.endedAt).not.toBeNull();
    expect(await changeSubscription(subscriber.userId, subscription.id, 'resume')).toEqual({
      ok: false,
      message: 'This subscription has already ended.',
    });
  });

  it('a subscription set to end stops at its period end, with no renewal invoice', async () => {
    const subscriber = await createSubscriber(harness);
    const subscription = await subscribe(harness, subscriber, await createMembership());
    await changeSubscription(subscriber.userId, subscription.id, 'cancel');
    await harness.deliveriesSettled();

    await advanceSubscriberClock(harness, subscriber, 32);

    expect((await subscriptionRow(subscription.id)).status).toBe('canceled');
    expect(await invoicesOf(subscription.stripeSubscriptionId)).toHaveLength(1);
  });

  it('another customer cannot change it', async () => {
    const owner = await createSubscriber(harness);
    const stranger = await createSubscriber(harness);
    const subscription = await subscribe(harness, owner, await createMembership());
    expect(await changeSubscription(stranger.userId, subscription.id, 'cancel_now')).toEqual({
      ok: false,
      message: 'We couldn’t find that subscription.',
    });
    expect((await subscriptionRow(subscription.id)).status).toBe('active');
  });
});
