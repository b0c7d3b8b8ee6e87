import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { balanceNow } from '@/lib/admin/money';
import { startPaymentsHarness, type PaymentsHarness } from '@/tests/support/payments-harness';

// The Money page's balance comes from Stripe (here the emulator, through the store's one client);
// when Stripe cannot be reached the page gets a sentence and the mirror's figures, not an error.

let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness();
});

afterAll(async () => {
  await harness.stop();
  await db().$client.end();
});

describe('the balance now', () => {
  it("is Stripe's: a new card payment is pending, less the card fee", async () => {
    await harness.sdk.paymentIntents.create({
      amount: 2_000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const balance = await balanceNow();
    expect(balance.source).toBe('stripe');
    // 2.9 % + 30¢, the emulator's default card fee.
    expect(balance.balances).toContainEqual({ currency: 'usd', available: 0, pending: 2_000 - 88 });
  });

  it("says Stripe could not be reached and shows the mirror's figures instead", async () => {
    await harness.emulator.stop();
    const balance = await balanceNow();
    expect(balance).toMatchObject({
      source: 'mirror',
      problem: 'Stripe could not be reached, so the balance could not be read.',
    });
    expect(Array.isArray(balance.balances)).toBe(true);
  });
});
