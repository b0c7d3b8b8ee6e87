import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import {
  auditLog,
  earlyFraudWarnings,
  emailOutbox,
  orderEvents,
  orderItems,
  orders,
  users,
  type Order,
} from '@/db/schema';
import { orderLinkUrl } from '@/lib/orders/guest-link';
import type { ActionState } from '@/lib/platform/action-state';
import { FRAUD_HOLD_MESSAGE } from '@/lib/shipments/state';
import { createProducts } from '@/tests/support/catalogue-fixtures';

// The order page's fulfilment forms end to end below the browser, as the order actions are tested
// (tests/integration/admin/order-actions.test.ts): the admin wrapper and its validation, the rules
// under the row lock on real Postgres, and the rows an operator then sees.

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

// No SMTP: the shipping email stays in the outbox, where the test reads it.
delete process.env.SMTP_URL;
process.env.APP_URL = 'http://127.0.0.1:3000';

const actions = await import('@/lib/shipments/admin-actions');
const IDLE: ActionState = { status: 'idle', message: '' };
const suffix = randomBytes(4).toString('hex');
const adminEmail = `shipper-${suffix}@example.com`;
let productId: string;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

beforeAll(async () => {
  const [admin] = await db()
    .insert(users)
    .values({ email: adminEmail, role: 'admin' })
    .returning({ id: users.id });
  state.adminId = admin!.id;
  const [product] = await createProducts([{ name: 'Poster', unitAmount: 1800, stock: null }]);
  productId = product!.id;
});
afterAll(async () => {
  await db().$client.end();
});

/** A paid order of two posters bound for Springfield, waiting to ship unless told otherwise. */
async function order(overrides: Partial<typeof orders.$inferInsert> = {}): Promise<Order> {
  const [row] = await db()
    .insert(orders)
    .values({
      status: 'paid',
      email: `buyer-${randomBytes(3).toString('hex')}@example.com`,
      customerName: 'Ada Buyer',
      currency: 'usd',
      amountSubtotal: 3600,
      amountTotal: 4100,
      amountShipping: 500,
      paidAt: new Date(),
      fulfilmentStatus: 'unfulfilled',
      shippingName: 'Ada Buyer',
      shippingAddress: {
        line1: '1 Main St',
        line2: 'Flat 2',
        city: 'Springfield',
        state: 'IL',
        postal_code: '62701',
        country: 'US',
      },
      shippingRateName: 'Standard',
      ...overrides,
    })
    .returning();
  await db()
    .insert(orderItems)
    .values({ orderId: row!.id, productId, name: 'Poster', unitAmount: 1800, quantity: 2 });
  return row!;
}

const ship = (orderId: string, fields: Record<string, string> = {}) =>
  actions.markShippedAction(
    IDLE,
    form({ orderId, carrier: 'UPS', trackingNumber: '1Z 999 AA1 01 2345 6784', ...fields }),
  );

async function orderNow(id: string): Promise<Order> {
  const [row] = await db().select().from(orders).where(eq(orders.id, id));
  return row!;
}

function timeline(orderId: string) {
  return db()
    .select()
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.id));
}

function audits(orderId: string) {
  return db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'order'), eq(auditLog.targetId, orderId)))
    .orderBy(asc(auditLog.id));
}

function shippingEmails(orderId: string) {
  return db()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.orderId, orderId), eq(emailOutbox.kind, 'shipped')));
}

describe('Mark shipped', () => {
  it('ships a paid order: status, tracking, a timeline and an audit row, and the shipping email', async () => {
    const placed = await order();
    expect(await ship(placed.id)).toEqual({
      status: 'success',
      message: `Order ${placed.number} marked shipped (UPS 1Z999AA10123456784); the shipping email goes to ${placed.email}.`,
    });

    const shipped = await orderNow(placed.id);
    expect(shipped).toMatchObject({
      fulfilmentStatus: 'shipped',
      shippingCarrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      status: 'paid',
    });
    expect(shipped.shippedAt).toBeInstanceOf(Date);
    expect(await timeline(placed.id)).toMatchObject([
      {
        kind: 'shipped',
        actor: adminEmail,
        detail: {
          from: 'unfulfilled',
          to: 'shipped',
          carrier: 'UPS',
          trackingNumber: '1Z999AA10123456784',
        },
      },
    ]);
    expect(await audits(placed.id)).toMatchObject([
      {
        action: 'order.shipped',
        actor: adminEmail,
        ip: '203.0.113.9',
        detail: { number: placed.number, carrier: 'UPS', trackingNumber: '1Z999AA10123456784' },
      },
    ]);

    const [email] = await shippingEmails(placed.id);
    expect(email).toMatchObject({
      recipient: placed.email,
      subject: `Shopfront: order ${placed.number} has shipped`,
      status: 'queued',
    });
    for (const text of [
      '2 × Poster',
      'Ada Buyer',
      '1 Main St',
      'Flat 2',
      'Springfield, IL 62701',
      'United States',
      'Carrier: UPS',
      'Tracking number: 1Z999AA10123456784',
      'Track your parcel: https://www.ups.com/track?tracknum=1Z999AA10123456784',
      `Your order: ${orderLinkUrl(placed.id)}`,
    ])
      expect(email!.body).toContain(text);
  });

  it('two posts at once ship once and queue one email', async () => {
    const placed = await order();
    const results = await Promise.all([ship(placed.id), ship(placed.id)]);
    expect(results.map((result) => result.status)).toEqual(['success', 'success']);
    expect(results.map((result) => result.message).sort()).toEqual(
      [
        `Order ${placed.number} is already shipped (UPS 1Z999AA10123456784).`,
        `Order ${placed.number} marked shipped (UPS 1Z999AA10123456784); the shipping email goes to ${placed.email}.`,
      ].sort(),
    );
    expect(await shippingEmails(placed.id)).toHaveLength(1);
    expect((await timeline(placed.id)).map((row) => row.kind)).toEqual(['shipped']);
    expect((await audits(placed.id)).map((row) => row.action)).toEqual(['order.shipped']);

    // Later, another parcel for the same order is refused: the recorded one stands.
    expect(await ship(placed.id, { trackingNumber: '1Z0000000000000000' })).toMatchObject({
      status: 'error',
      message: `Order ${placed.number} is already shipped with UPS 1Z999AA10123456784.`,
    });
  });

  it('refuses an order with nothing to ship, and orders that are not paid, saying why', async () => {
    const digital = await order({ fulfilmentStatus: null });
    expect(await ship(digital.id)).toMatchObject({
      status: 'error',
      message: `Order ${digital.number} has nothing to ship: none of its items ship.`,
    });
    const refusals: Array<[Order['status'], string]> = [
      ['pending', 'it is not paid yet'],
      ['authorized', 'its payment is only authorized; capture it first'],
      ['refunded', 'it was refunded in full'],
      ['canceled', 'it was canceled'],
    ];
    for (const [status, why] of refusals) {
      const unpaid = await order({ status });
      expect(await ship(unpaid.id)).toMatchObject({
        status: 'error',
        message: `Order ${unpaid.number} cannot be shipped: ${why}.`,
      });
      expect((await orderNow(unpaid.id)).fulfilmentStatus).toBe('unfulfilled');
      expect(await timeline(unpaid.id)).toEqual([]);
      expect(await audits(unpaid.id)).toEqual([]);
    }
    const partly = await order({ status: 'partially_refunded', amountRefunded: 1000 });
    expect(await ship(partly.id)).toMatchObject({ status: 'success' });
  });

  it('reports a missing carrier or a bad tracking number on its field', async () => {
    const placed = await order();
    expect(await ship(placed.id, { carrier: 'Pigeon' })).toMatchObject({
      status: 'error',
      fieldErrors: { carrier: 'Choose a carrier.' },
    });
    expect(await ship(placed.id, { trackingNumber: '   ' })).toMatchObject({
      status: 'error',
      fieldErrors: { trackingNumber: 'Enter the tracking number.' },
      values: { trackingNumber: '   ' },
    });
    expect(await ship(placed.id, { trackingNumber: '12<34' })).toMatchObject({
      fieldErrors: {
        trackingNumber: 'A UPS tracking number has only letters, digits and hyphens.',
      },
    });
    expect(
      await ship(placed.id, { carrier: 'Other', trackingNumber: 'x'.repeat(101) }),
    ).toMatchObject({
      fieldErrors: { trackingNumber: 'A tracking number has at most 100 characters.' },
    });
    expect((await orderNow(placed.id)).fulfilmentStatus).toBe('unfulfilled');

    // "Other" ships with its reference as typed, and its email has no tracking link.
    expect(
      await ship(placed.id, { carrier: 'Other', trackingNumber: ' Van 3, round B ' }),
    ).toMatchObject({ status: 'success' });
    const [email] = await shippingEmails(placed.id);
    expect(email!.body).toContain('Carrier: Other\nTracking number: Van 3, round B\n\nYour order:');
  });

  it('ships an order with no email address, and says no email went out', async () => {
    const placed = await order({ email: null });
    expect(await ship(placed.id)).toEqual({
      status: 'success',
      message: `Order ${placed.number} marked shipped (UPS 1Z999AA10123456784); it has no email address, so no shipping email was sent.`,
    });
    expect(await shippingEmails(placed.id)).toEqual([]);
  });
});

describe('the fraud hold', () => {
  it('holds an order with an actionable early fraud warning until the admin ships anyway', async () => {
    const placed = await order();
    const warningId = `issfr_${randomBytes(6).toString('hex')}`;
    await db().insert(earlyFraudWarnings).values({
      id: warningId,
      orderId: placed.id,
      fraudType: 'made_with_stolen_card',
      actionable: true,
      created: new Date(),
      reportedAt: new Date(),
    });

    expect(await ship(placed.id)).toMatchObject({ status: 'error', message: FRAUD_HOLD_MESSAGE });
    expect(FRAUD_HOLD_MESSAGE).toBe(
      'Fulfilment is held: Stripe warned this payment may be fraudulent. Refund it, or ship anyway after checking.',
    );
    expect(await ship(placed.id, { shipAnyway: 'on' })).toMatchObject({
      message: FRAUD_HOLD_MESSAGE,
    });
    expect(await shippingEmails(placed.id)).toEqual([]);

    expect(await ship(placed.id, { shipAnyway: 'yes' })).toMatchObject({ status: 'success' });
    expect(await timeline(placed.id)).toMatchObject([
      { kind: 'shipped', detail: { shippedDespiteFraudWarning: warningId } },
    ]);
    expect(await audits(placed.id)).toMatchObject([
      { action: 'order.shipped', detail: { shippedDespiteFraudWarning: warningId } },
    ]);
    expect(await shippingEmails(placed.id)).toHaveLength(1);
  });

  it('a warning that is no longer actionable holds nothing', async () => {
    const placed = await order();
    await db()
      .insert(earlyFraudWarnings)
      .values({
        id: `issfr_${randomBytes(6).toString('hex')}`,
        orderId: placed.id,
        fraudType: 'unauthorized_use_of_card',
        actionable: false,
        created: new Date(),
        reportedAt: new Date(),
      });
    expect(await ship(placed.id)).toMatchObject({ status: 'success' });
    const [event] = await timeline(placed.id);
    expect(event!.detail).not.toHaveProperty('shippedDespiteFraudWarning');
  });
});

describe('Mark delivered and Mark returned', () => {
  it('moves a shipped order to delivered, then returned, each with its timeline and audit row', async () => {
    const placed = await order();
    await ship(placed.id);

    const deliver = () => actions.markDeliveredAction(IDLE, form({ orderId: placed.id }));
    expect(await deliver()).toEqual({
      status: 'success',
      message: `Order ${placed.number} marked delivered.`,
    });
    expect(await deliver()).toEqual({
      status: 'success',
      message: `Order ${placed.number} is already marked delivered.`,
    });
    const returned = await actions.markReturnedAction(IDLE, form({ orderId: placed.id }));
    expect(returned).toEqual({
      status: 'success',
      message: `Order ${placed.number} marked returned. Refund it under Payment if the money goes back.`,
    });

    const now = await orderNow(placed.id);
    expect(now.fulfilmentStatus).toBe('returned');
    expect(now.deliveredAt).toBeInstanceOf(Date);
    expect(now.returnedAt).toBeInstanceOf(Date);
    expect(now.trackingNumber).toBe('1Z999AA10123456784');
    expect((await timeline(placed.id)).map((row) => [row.kind, row.actor, row.detail])).toEqual([
      [
        'shipped',
        adminEmail,
        {
          from: 'unfulfilled',
          to: 'shipped',
          carrier: 'UPS',
          trackingNumber: '1Z999AA10123456784',
        },
      ],
      [
        'delivered',
        adminEmail,
        { from: 'shipped', to: 'delivered', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' },
      ],
      [
        'returned',
        adminEmail,
        { from: 'delivered', to: 'returned', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' },
      ],
    ]);
    expect((await audits(placed.id)).map((row) => row.action)).toEqual([
      'order.shipped',
      'order.delivered',
      'order.returned',
    ]);
    // Only shipping writes to the customer.
    const mail = await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, placed.id));
    expect(mail.map((row) => row.kind)).toEqual(['shipped']);

    expect(await deliver()).toMatchObject({
      status: 'error',
      message: `Order ${placed.number} was returned: it cannot be marked delivered.`,
    });
    expect(await ship(placed.id)).toMatchObject({
      status: 'error',
      message: `Order ${placed.number} was returned: it cannot be shipped again.`,
    });
  });

  it('refuses to deliver or return what has not shipped, and unknown orders', async () => {
    const placed = await order();
    expect(await actions.markDeliveredAction(IDLE, form({ orderId: placed.id }))).toEqual({
      status: 'error',
      message: `Order ${placed.number} has not been shipped yet: mark it shipped first.`,
      values: { orderId: placed.id },
    });
    expect(await actions.markReturnedAction(IDLE, form({ orderId: placed.id }))).toMatchObject({
      status: 'error',
      message: `Order ${placed.number} has not been shipped: only a shipped or delivered order can be returned.`,
    });
    expect(
      await actions.markReturnedAction(
        IDLE,
        form({ orderId: '00000000-0000-4000-8000-000000000000' }),
      ),
    ).toMatchObject({ status: 'error', message: 'That order does not exist.' });
    expect(await actions.markDeliveredAction(IDLE, form({ orderId: 'nope' }))).toMatchObject({
      status: 'error',
      fieldErrors: { orderId: 'Unknown order.' },
    });
  });
});
