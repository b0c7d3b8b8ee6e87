import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import type { ActionState } from '@/lib/platform/action-state';
import {
  CARDS,
  paidOrder,
  startPaymentsHarness,
  waitForOrder,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';

// The order page's actions end to end below the browser: the admin wrapper, amount parsing in the
// order's currency, lib/payment-operations against the emulator, and the message the page shows.

const state = vi.hoisted(() => ({ adminId: '' }));
vi.mock('server-only', () => ({}));
// Outside a Next request there is no page to revalidate; the rest of next/cache stays real.
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  revalidatePath: () => {},
}));
vi.mock('next/headers', () => ({
  headers: async () =>
    (await import('@/tests/support/client-headers')).clientHeaders('203.0.113.9'),
}));
vi.mock('next-auth', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next-auth')>()),
  default: () => ({
    auth: async () => ({ user: { id: state.adminId, email: 'x', role: 'admin' } }),
    handlers: {},
    signIn: async () => {},
    signOut: async () => {},
  }),
}));

const actions = await import('@/lib/orders/admin-actions');
const IDLE: ActionState = { status: 'idle', message: '' };
const suffix = randomBytes(4).toString('hex');
let harness: PaymentsHarness;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

beforeAll(async () => {
  harness = await startPaymentsHarness({ captureMethod: 'manual' });
  const [admin] = await db()
    .insert(users)
    .values({ email: `actions-${suffix}@example.com`, role: 'admin' })
    .returning({ id: users.id });
  state.adminId = admin!.id;
});
afterAll(() => harness.stop());

describe('order page actions', () => {
  it('captures an authorization, then refunds part of it typed in major units, then the rest', async () => {
    const { order } = await paidOrder(CARDS.visa, 'authorized', { unitAmount: 2500 });

    const captured = await actions.captureOrderAction(IDLE, form({ orderId: order.id }));
    expect(captured).toEqual({
      status: 'success',
      message: `Captured $50.00 of order ${order.number}.`,
    });
    await waitForOrder(order.id, (o) => o.status === 'paid', 'paid');

    const refunded = await actions.refundOrderAction(
      IDLE,
      form({ orderId: order.id, amount: '12.50', reason: 'requested_by_customer', requestId: 'a' }),
    );
    expect(refunded).toEqual({
      status: 'success',
      message: `Refunded $12.50 of order ${order.number}.`,
    });

    const rest = await actions.refundOrderAction(
      IDLE,
      form({ orderId: order.id, amount: '', reason: 'duplicate', requestId: 'b' }),
    );
    expect(rest).toEqual({
      status: 'success',
      message: `Refunded $37.50 of order ${order.number}.`,
    });
    await waitForOrder(order.id, (o) => o.status === 'refunded', 'refunded');
  });

  it('cancels an authorization', async () => {
    const { order } = await paidOrder(CARDS.visa, 'authorized');
    const result = await actions.cancelAuthorizationAction(IDLE, form({ orderId: order.id }));
    expect(result).toMatchObject({ status: 'success' });
    await waitForOrder(order.id, (o) => o.status === 'canceled', 'canceled');
  });

  it('reports a malformed amount or reason on its field, and Stripe-side refusals inline', async () => {
    const { order } = await paidOrder(CARDS.visa, 'authorized');
    expect(
      await actions.refundOrderAction(
        IDLE,
        form({ orderId: order.id, amount: '12.345', reason: 'duplicate' }),
      ),
    ).toMatchObject({
      status: 'error',
      fieldErrors: { amount: 'Enter an amount such as 28.50, at most $21,474,836.47.' },
    });
    // Beyond what the amount columns hold: a field error, never a 500.
    for (const amount of ['99999999999', '999999999.99', '21474836.48'])
      expect(
        await actions.refundOrderAction(
          IDLE,
          form({ orderId: order.id, amount, reason: 'duplicate' }),
        ),
      ).toMatchObject({
        status: 'error',
        fieldErrors: { amount: 'Enter an amount such as 28.50, at most $21,474,836.47.' },
        values: { amount },
      });
    expect(
      await actions.refundOrderAction(
        IDLE,
        form({ orderId: order.id, amount: '1', reason: 'because' }),
      ),
    ).toMatchObject({ status: 'error', fieldErrors: { reason: 'Choose a reason.' } });
    // Authorized, not yet paid: the operation refuses and says why.
    expect(
      await actions.refundOrderAction(
        IDLE,
        form({ orderId: order.id, amount: '', reason: 'duplicate' }),
      ),
    ).toEqual({
      status: 'error',
      message: `Order ${order.number} is authorized: only paid orders can be refunded.`,
      values: { orderId: order.id, amount: '', reason: 'duplicate' },
    });
  });
});
