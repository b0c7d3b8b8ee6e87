import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { orders, users, type FulfilmentStatus } from '@/db/schema';
import type { ActionState } from '@/lib/platform/action-state';
import {
  CARDS,
  paidOrder,
  startPaymentsHarness,
  waitForOrder,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';

// Refunding or canceling an order whose goods have left needs the order page's extra
// confirmation, and the server refuses a post without it (a form replayed, or built by hand).

const state = vi.hoisted(() => ({ adminId: '' }));
vi.mock('server-only', () => ({}));
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
let harness: PaymentsHarness;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

async function setFulfilment(orderId: string, fulfilmentStatus: FulfilmentStatus) {
  await db().update(orders).set({ fulfilmentStatus }).where(eq(orders.id, orderId));
}

beforeAll(async () => {
  harness = await startPaymentsHarness({ captureMethod: 'manual' });
  const [admin] = await db()
    .insert(users)
    .values({ email: `refunds-${randomBytes(4).toString('hex')}@example.com`, role: 'admin' })
    .returning({ id: users.id });
  state.adminId = admin!.id;
});
afterAll(() => harness.stop());

describe('payment actions on an order that has shipped', () => {
  it('refuses a refund without the confirmation, and refunds with it', async () => {
    const { order } = await paidOrder(CARDS.visa, 'authorized', { unitAmount: 2000 });
    await actions.captureOrderAction(IDLE, form({ orderId: order.id }));
    await waitForOrder(order.id, (o) => o.status === 'paid', 'paid');

    for (const fulfilment of ['shipped', 'delivered'] as const) {
      await setFulfilment(order.id, fulfilment);
      const fields = { orderId: order.id, amount: '5', reason: 'requested_by_customer' };
      expect(await actions.refundOrderAction(IDLE, form(fields))).toEqual({
        status: 'error',
        message: 'This order has shipped: refund anyway?',
        fieldErrors: { confirmShipped: 'Tick this box to confirm.' },
        values: fields,
      });
      // Anything but the form's own value is no confirmation.
      expect(
        await actions.refundOrderAction(IDLE, form({ ...fields, confirmShipped: 'true' })),
      ).toMatchObject({ status: 'error', message: 'This order has shipped: refund anyway?' });
    }
    expect((await waitForOrder(order.id, () => true, 'read')).amountRefunded).toBe(0);

    expect(
      await actions.refundOrderAction(
        IDLE,
        form({
          orderId: order.id,
          amount: '5',
          reason: 'requested_by_customer',
          requestId: 'shipped-1',
          confirmShipped: 'yes',
        }),
      ),
    ).toEqual({ status: 'success', message: `Refunded $5.00 of order ${order.number}.` });

    // Returned goods are back in the shop: refunding them needs no extra step.
    await setFulfilment(order.id, 'returned');
    expect(
      await actions.refundOrderAction(
        IDLE,
        form({ orderId: order.id, amount: '', reason: 'requested_by_customer', requestId: 'r2' }),
      ),
    ).toMatchObject({ status: 'success' });
    await waitForOrder(order.id, (o) => o.status === 'refunded', 'refunded');
  });

  it('refuses to cancel a shipped authorization without the confirmation, and cancels with it', async () => {
    const { order } = await paidOrder(CARDS.visa, 'authorized');
    await setFulfilment(order.id, 'shipped');
    expect(await actions.cancelAuthorizationAction(IDLE, form({ orderId: order.id }))).toEqual({
      status: 'error',
      message: 'This order has shipped: cancel anyway?',
      fieldErrors: { confirmShipped: 'Tick this box to confirm.' },
      values: { orderId: order.id },
    });
    expect((await waitForOrder(order.id, () => true, 'read')).status).toBe('authorized');

    expect(
      await actions.cancelAuthorizationAction(
        IDLE,
        form({ orderId: order.id, confirmShipped: 'yes' }),
      ),
    ).toMatchObject({ status: 'success' });
    await waitForOrder(order.id, (o) => o.status === 'canceled', 'canceled');
  });
});
