import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import {
  clientFor,
  control,
  eventually,
  payOnHostedPage,
  sessionParams,
  startReceiver,
  type WebhookReceiver,
} from './emulator-harness';

let emulator: RunningEmulator;
let stripe: Stripe;
let receiver: WebhookReceiver;

const DAY = 24 * 60 * 60;

beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await startEmulator({
    port: 0,
    webhookUrl: receiver.url,
    retryScheduleMs: [50, 100, 200],
  });
  stripe = clientFor(emulator);
});
afterAll(async () => {
  await emulator.stop();
  await receiver.close();
});
beforeEach(async () => {
  await control(emulator, 'POST', '/reset');
  receiver.received.length = 0;
});

/** A $55.00 Checkout payment (the harness's two mugs and a teapot), and its charge. */
async function paidCharge(card = '4242424242424242'): Promise<Stripe.Charge> {
  const session = await stripe.checkout.sessions.create(sessionParams());
  expect((await payOnHostedPage(session, card)).status).toBe(303);
  const paid = await stripe.checkout.sessions.retrieve(session.id, {
    expand: ['payment_intent.latest_charge'],
  });
  return (paid.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
}

async function transactionOf(id: unknown): Promise<Stripe.BalanceTransaction> {
  return stripe.balanceTransactions.retrieve(String(id));
}

function usd(funds: { amount: number; currency: string }[]): number | undefined {
  return funds.find((fund) => fund.currency === 'usd')?.amount;
}

/** The events delivered to the webhook endpoint, verified with its secret, of these types. */
function delivered(types: string[]): Stripe.Event[] {
  return receiver.received
    .map((hit) =>
      stripe.webhooks.constructEvent(
        hit.body,
        String(hit.headers['stripe-signature']),
        emulator.webhookSecret,
      ),
    )
    .filter((event) => types.includes(event.type));
}

/** Stripe sends a new payout to the bank just after creating it: it is then `in_transit`. */
async function inTransit(payout: Stripe.Payout): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await stripe.payouts.retrieve(payout.id)).status === 'in_transit') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`payout ${payout.id} never went in_transit`);
}

describe('balance transactions', () => {
  it("a card charge's transaction takes Stripe's standard fee, 2.9 % + 30¢, and is pending for 2 days", async () => {
    const charge = await paidCharge();
    const expanded = await stripe.charges.retrieve(charge.id, { expand: ['balance_transaction'] });
    const transaction = expanded.balance_transaction as Stripe.BalanceTransaction;
    expect(transaction).toMatchObject({
      object: 'balance_transaction',
      amount: 5500,
      currency: 'usd',
      fee: 190, // 159.5 rounded, plus 30
      net: 5310,
      type: 'charge',
      reporting_category: 'charge',
      source: charge.id,
      status: 'pending',
    });
    expect(transaction.fee_details).toEqual([
      expect.objectContaining({ amount: 190, type: 'stripe_fee', currency: 'usd' }),
    ]);
    const dayOfPayment = transaction.created - (transaction.created % DAY);
    expect(transaction.available_on).toBe(dayOfPayment + 2 * DAY);
    expect(await transactionOf(charge.balance_transaction)).toEqual(transaction);
  });

  it('the fee follows the control API settings', async () => {
    await control(emulator, 'POST', '/balance/settings', {
      fee_percent: 1.4,
      fee_fixed: { usd: 25 },
    });
    const charge = await paidCharge();
    const transaction = await transactionOf(charge.balance_transaction);
    expect(transaction.fee).toBe(77 + 25);
    expect(transaction.net).toBe(5500 - 102);
  });

  it("a partial refund's transaction takes its amount out, and the charge's fee is kept", async () => {
    const charge = await paidCharge();
    const refund = await stripe.refunds.create({
      charge: charge.id,
      amount: 1500,
      expand: ['balance_transaction'],
    });
    expect(refund.balance_transaction).toMatchObject({
      amount: -1500,
      fee: 0,
      net: -1500,
      type: 'refund',
      reporting_category: 'refund',
      source: refund.id,
      status: 'available',
    });
    expect((await transactionOf(charge.balance_transaction)).net).toBe(5310);
  });

  it('a dispute withdraws the amount and the $15 fee, and winning it reinstates the amount', async () => {
    const charge = await paidCharge('4000000000000259');
    const [dispute] = (await stripe.disputes.list({ charge: charge.id })).data;
    expect(dispute?.balance_transactions).toEqual([
      expect.objectContaining({
        amount: -5500,
        fee: 1500,
        net: -7000,
        type: 'adjustment',
        reporting_category: 'dispute',
        source: dispute?.id,
      }),
    ]);
    await control(emulator, 'POST', `/disputes/${String(dispute?.id)}/close`, { status: 'won' });
    const won = await stripe.disputes.retrieve(String(dispute?.id));
    expect(won.balance_transactions.map((t) => [t.amount, t.reporting_category])).toEqual([
      [-5500, 'dispute'],
      [5500, 'dispute_reversal'],
    ]);
    const types = (
      await eventually(() => {
        const events = delivered([
          'charge.dispute.funds_withdrawn',
          'charge.dispute.funds_reinstated',
        ]);
        return events.length === 2 && events;
      }, 'the dispute fund events')
    ).map((event) => event.type);
    expect(types.sort()).toEqual([
      'charge.dispute.funds_reinstated',
      'charge.dispute.funds_withdrawn',
    ]);
  });

  it('lists by type and currency, newest first, with pagination', async () => {
    const first = await paidCharge();
    const second = await paidCharge();
    await stripe.refunds.create({ charge: first.id, amount: 500 });
    const charges = await stripe.balanceTransactions.list({ type: 'charge', currency: 'usd' });
    expect(charges.data.map((t) => t.source)).toEqual([second.id, first.id]);
    const page = await stripe.balanceTransactions.list({ limit: 1 });
    expect(page.has_more).toBe(true);
    expect(page.data[0]?.type).toBe('refund');
    const next = await stripe.balanceTransactions.list({
      limit: 5,
      starting_after: page.data[0]?.id,
    });
    expect(next.data.map((t) => t.source)).toEqual([second.id, first.id]);
  });
});

describe('the balance', () => {
  it('holds a payment as pending until the clock passes its available_on, then as available', async () => {
    const charge = await paidCharge();
    const transaction = await transactionOf(charge.balance_transaction);
    const before = await stripe.balance.retrieve();
    expect(usd(before.pending)).toBe(5310);
    expect(usd(before.available)).toBe(0);

    await control(emulator, 'POST', '/balance/make-available', {
      until: transaction.available_on - 1,
    });
    expect(usd((await stripe.balance.retrieve()).available)).toBe(0);

    await control(emulator, 'POST', '/balance/make-available', { until: transaction.available_on });
    const after = await stripe.balance.retrieve();
    expect(usd(after.pending)).toBe(0);
    expect(usd(after.available)).toBe(5310);
    expect((await transactionOf(charge.balance_transaction)).status).toBe('available');
    await eventually(() => delivered(['balance.available']).length === 1, 'balance.available');
  });
});

describe('payouts', () => {
  it('pays the available balance out: pending, in_transit, then paid, with its events', async () => {
    const first = await paidCharge();
    const second = await paidCharge();
    const refund = await stripe.refunds.create({ charge: first.id, amount: 1000 });
    const run = await control<{ payouts: Stripe.Payout[] }>(emulator, 'POST', '/payouts/run');
    expect(run.payouts).toHaveLength(1);
    const created = run.payouts[0] as Stripe.Payout;
    expect(created).toMatchObject({
      status: 'pending',
      automatic: true,
      currency: 'usd',
      amount: 5310 + 5310 - 1000,
      method: 'standard',
    });
    expect(created.arrival_date).toBeGreaterThan(created.created);

    await inTransit(created);
    const settled = await control<{ data: Stripe.Payout[] }>(emulator, 'POST', '/payouts/settle');
    expect(settled.data.map((payout) => payout.id)).toEqual([created.id]);
    const paid = await stripe.payouts.retrieve(created.id, { expand: ['balance_transaction'] });
    expect(paid.status).toBe('paid');
    expect(paid.reconciliation_status).toBe('completed');
    expect(paid.balance_transaction).toMatchObject({
      amount: -created.amount,
      type: 'payout',
      reporting_category: 'payout',
      source: created.id,
    });
    expect(usd((await stripe.balance.retrieve()).available)).toBe(0);

    const events = await eventually(() => {
      const found = delivered([
        'payout.created',
        'payout.updated',
        'payout.paid',
        'payout.reconciliation_completed',
      ]);
      return found.length === 5 && found;
    }, 'the payout events');
    expect(events.map((event) => event.type).sort()).toEqual(
      [
        'payout.created',
        'payout.paid',
        'payout.reconciliation_completed',
        'payout.updated',
        'payout.updated',
      ].sort(),
    );
    const statuses = events
      .filter((event) => event.type === 'payout.updated')
      .map((event) => (event.data.object as Stripe.Payout).status)
      .sort();
    expect(statuses).toEqual(['in_transit', 'paid']);
    expect((await stripe.payouts.list({ status: 'paid' })).data.map((p) => p.id)).toEqual([
      created.id,
    ]);

    const included = await stripe.balanceTransactions.list({ payout: created.id, limit: 100 });
    expect(included.data.map((t) => t.source).sort()).toEqual(
      [first.id, second.id, refund.id].sort(),
    );
    expect(included.data.reduce((sum, t) => sum + t.net, 0)).toBe(created.amount);
  });

  it('a payout to a failing test bank account fails, and its money comes back to be paid out again', async () => {
    await control(emulator, 'POST', '/balance/settings', { external_account: '000111111116' });
    await paidCharge();
    const run = await control<{ payouts: Stripe.Payout[] }>(emulator, 'POST', '/payouts/run');
    const payout = run.payouts[0] as Stripe.Payout;
    await inTransit(payout);
    await control(emulator, 'POST', '/payouts/settle', { payout: payout.id });

    const failed = await stripe.payouts.retrieve(payout.id);
    expect(failed.status).toBe('failed');
    expect(failed.failure_code).toBe('no_account');
    expect(failed.failure_message).toContain('No bank account could be located');
    expect(await transactionOf(failed.failure_balance_transaction)).toMatchObject({
      amount: 5310,
      net: 5310,
      type: 'payout_failure',
      reporting_category: 'payout_reversal',
      source: payout.id,
      status: 'available',
    });
    expect(usd((await stripe.balance.retrieve()).available)).toBe(5310);
    const [event] = await eventually(() => {
      const found = delivered(['payout.failed']);
      return found.length === 1 && found;
    }, 'payout.failed');
    expect((event?.data.object as Stripe.Payout).failure_code).toBe('no_account');

    await control(emulator, 'POST', '/balance/settings', { external_account: '000123456789' });
    const again = await control<{ payouts: Stripe.Payout[] }>(emulator, 'POST', '/payouts/run');
    const retry = again.payouts[0] as Stripe.Payout;
    expect(retry.amount).toBe(5310);
    const included = await stripe.balanceTransactions.list({ payout: retry.id });
    expect(included.data.map((t) => t.type)).toEqual(['payout_failure']);
  });

  it('runs nothing when there is nothing available to pay out', async () => {
    const run = await control<{ payouts: unknown[] }>(emulator, 'POST', '/payouts/run');
    expect(run.payouts).toEqual([]);
    expect((await stripe.payouts.list()).data).toEqual([]);
  });
});

describe('saving', () => {
  it('keeps balance transactions and payouts in the state file across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-money-'));
    const stateFile = join(dir, 'state.json');
    const first = await startEmulator({ port: 0, stateFile });
    const session = await clientFor(first).checkout.sessions.create(sessionParams());
    expect((await payOnHostedPage(session, '4242424242424242')).status).toBe(303);
    const run = await control<{ payouts: Stripe.Payout[] }>(first, 'POST', '/payouts/run');
    const payout = run.payouts[0] as Stripe.Payout;
    await first.stop();
    const second = await startEmulator({ port: 0, stateFile });
    try {
      const again = clientFor(second);
      expect((await again.payouts.retrieve(payout.id)).status).toBe('in_transit');
      const included = await again.balanceTransactions.list({ payout: payout.id });
      expect(included.data.map((t) => t.net)).toEqual([5310]);
      expect(usd((await again.balance.retrieve()).available)).toBe(0);
    } finally {
      await second.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Last: moving the clock days ahead leaves this file's emulator past its next daily payout.
describe('the clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  async function until<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
    for (let i = 0; i < 150; i++) {
      const value = await read();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  it('makes funds available on available_on, pays them out that day and lands the payout on arrival_date', async () => {
    const charge = await paidCharge();
    const transaction = await transactionOf(charge.balance_transaction);
    // Only Date moves: the emulator's 1 s timer reads the clock as time passing would.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime((transaction.available_on + 60) * 1000);
    const payout = await until(
      async () => (await stripe.payouts.list()).data[0],
      'the daily payout',
    );
    expect(payout.amount).toBe(5310);
    expect(payout.automatic).toBe(true);
    expect((await transactionOf(charge.balance_transaction)).status).toBe('available');
    vi.setSystemTime((payout.arrival_date + 60) * 1000);
    await until(async () => {
      const current = await stripe.payouts.retrieve(payout.id);
      return current.status === 'paid' ? current : undefined;
    }, 'the payout to be paid');
  });
});
