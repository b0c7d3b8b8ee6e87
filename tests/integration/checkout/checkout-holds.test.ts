import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { orderItems, orders, users } from '@/db/schema';
import { serializeCart } from '@/lib/cart/lines';
import { openCheckoutsOf } from '@/lib/checkout/holds';
import { env } from '@/lib/env';
import { createProducts, stockOf } from '@/tests/support/catalogue-fixtures';
import { startPaymentsHarness, type PaymentsHarness } from '@/tests/support/payments-harness';

// The cart's checkout action as Next calls it, from a chosen client address with a chosen cart
// and checkout_session cookie (next/headers stands in for the request), against the emulator and
// Postgres. The attacker wants to keep stock from everyone else without paying for it.

const request = vi.hoisted(() => ({
  ip: '',
  cart: '',
  /** The checkout_session cookie the client sends back; null: it dropped it. */
  session: null as string | null,
  /** What the last response set it to. */
  issuedSession: null as string | null,
}));
vi.mock('server-only', () => ({}));
vi.mock(import('next/cache'), async (importOriginal) => ({
  ...(await importOriginal()),
  updateTag: () => {},
}));
vi.mock('next/headers', () => ({
  headers: async () => (await import('@/tests/support/client-headers')).clientHeaders(request.ip),
  cookies: async () => ({
    get: (name: string) =>
      name === 'cart'
        ? { name, value: request.cart }
        : name === 'checkout_session' && request.session
          ? { name, value: request.session }
          : undefined,
    set: (name: string, value: string) => {
      if (name === 'checkout_session') request.issuedSession = value;
    },
    delete: () => {},
  }),
}));

const { checkout } = await import('@/lib/checkout/actions');

let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness();
});
afterAll(() => harness.stop());

/** Posts the checkout action; 'redirected' when it sent the client to Stripe, else its message. */
async function checkoutAs(
  ip: string,
  lines: Array<[productId: string, quantity: number]>,
  session: string | null = null,
): Promise<{ outcome: string; problems?: string[] }> {
  Object.assign(request, {
    ip,
    cart: serializeCart({ lines: lines.map(([productId, quantity]) => ({ productId, quantity })) }),
    session,
  });
  try {
    const state = await checkout({ status: 'idle', message: '' }, new FormData());
    return { outcome: state.message, problems: state.problems };
  } catch (error) {
    if (String((error as { digest?: string }).digest).startsWith('NEXT_REDIRECT'))
      return { outcome: 'redirected' };
    throw error;
  }
}

/** Units the client's unpaid checkouts hold now. */
async function heldBy(ip: string): Promise<number> {
  const [row] = await db()
    .select({ units: sql<number>`coalesce(sum(${orderItems.quantity}), 0)::int` })
    .from(orders)
    .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
    .where(and(eq(orders.clientKey, ip), eq(orders.status, 'pending')));
  return row!.units;
}

const address = () => `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

describe('what one client may hold', () => {
  it('uses the documented defaults', () => {
    expect(env()).toMatchObject({ CHECKOUT_MAX_ITEMS: 50, CHECKOUT_MAX_ITEMS_PER_CLIENT: 100 });
  });

  it('refuses a cart over one checkout’s limit with the reason, reserving and ending nothing', async () => {
    const [rug] = await createProducts([{ name: 'Rug', unitAmount: 900, stock: 500 }]);
    const [mat] = await createProducts([{ name: 'Mat', unitAmount: 900, stock: 500 }]);
    const client = address();
    expect(await checkoutAs(client, [[rug!.id, 2]])).toEqual({ outcome: 'redirected' });
    const open = request.issuedSession!;

    const attempt = await checkoutAs(client, [
      [rug!.id, 30],
      [mat!.id, 21],
    ]);

    expect(attempt).toEqual({
      outcome: 'One order can hold at most 50 items, and your cart has 51.',
      problems: ['Lower some quantities to 50 items or fewer. Your cart is saved as it is.'],
    });
    // Nothing was reserved, and the checkout already open was not ended by the refused post.
    expect(await stockOf([rug!.id, mat!.id])).toEqual({ [rug!.id]: 498, [mat!.id]: 500 });
    expect((await harness.sdk.checkout.sessions.retrieve(open)).status).toBe('open');
  });

  it('a client that drops its checkout cookie and checks out again holds only its latest checkout', async () => {
    const [lamp] = await createProducts([{ name: 'Lamp', unitAmount: 4500, stock: 300 }]);
    const attacker = address();
    const sessions: string[] = [];
    for (let round = 0; round < 5; round++) {
      expect(await checkoutAs(attacker, [[lamp!.id, 50]], null)).toEqual({
        outcome: 'redirected',
      });
      sessions.push(request.issuedSession!);
    }

    expect(await stockOf([lamp!.id])).toEqual({ [lamp!.id]: 250 });
    expect(await heldBy(attacker)).toBe(50);
    for (const earlier of sessions.slice(0, -1))
      expect((await harness.sdk.checkout.sessions.retrieve(earlier)).status).toBe('expired');
    expect((await harness.sdk.checkout.sessions.retrieve(sessions.at(-1)!)).status).toBe('open');
  });

  it('concurrent checkouts from one client hold at most the client limit, and another shopper still buys', async () => {
    const [vase] = await createProducts([{ name: 'Vase', unitAmount: 3000, stock: 300 }]);
    const attacker = address();
    Object.assign(request, {
      ip: attacker,
      cart: serializeCart({ lines: [{ productId: vase!.id, quantity: 50 }] }),
      session: null,
    });
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () =>
        checkout({ status: 'idle', message: '' }, new FormData()).then(
          (state) => state.message,
          (error: { digest?: string }) => {
            if (String(error.digest).startsWith('NEXT_REDIRECT')) return 'redirected';
            throw error;
          },
        ),
      ),
    );

    expect(attempts.filter((outcome) => outcome === 'redirected').length).toBeGreaterThan(0);
    for (const outcome of attempts.filter((o) => o !== 'redirected'))
      expect(outcome).toMatch(
        /^Checkouts already open from your connection hold \d+ items, and one connection can hold at most 100 at once\.$/,
      );
    const held = await heldBy(attacker);
    expect(held).toBeLessThanOrEqual(100);
    expect(await stockOf([vase!.id])).toEqual({ [vase!.id]: 300 - held });

    expect(await checkoutAs('203.0.113.200', [[vase!.id, 5]])).toEqual({ outcome: 'redirected' });
    expect(await stockOf([vase!.id])).toEqual({ [vase!.id]: 295 - held });
  });

  it('a second checkout over the client limit is refused and keeps the first; the cart is untouched', async () => {
    const [jug] = await createProducts([{ name: 'Jug', unitAmount: 2000, stock: 300 }]);
    const shopper = address();
    // A signed-in neighbour behind the same address holds 60 (not this shopper's to release).
    const [neighbour] = await db()
      .insert(users)
      .values({ email: `neighbour-${randomBytes(4).toString('hex')}@example.com` })
      .returning({ id: users.id });
    const [held] = await db()
      .insert(orders)
      .values({
        status: 'pending',
        userId: neighbour!.id,
        clientKey: shopper,
        currency: 'usd',
        amountSubtotal: 0,
        amountTotal: 0,
        stripeCheckoutSessionId: `cs_test_neighbour_${randomBytes(4).toString('hex')}`,
      })
      .returning({ id: orders.id });
    await db()
      .insert(orderItems)
      .values({ orderId: held!.id, productId: jug!.id, name: 'Jug', unitAmount: 0, quantity: 60 });

    expect(await checkoutAs(shopper, [[jug!.id, 41]])).toEqual({
      outcome:
        'Checkouts already open from your connection hold 60 items, and one connection can hold at most 100 at once.',
      problems: [
        'This order would add 41. Pay for or cancel the open checkouts, or wait up to 30 minutes for them to expire. Your cart is saved as it is.',
      ],
    });
    expect(await stockOf([jug!.id])).toEqual({ [jug!.id]: 300 });
    expect(await checkoutAs(shopper, [[jug!.id, 40]])).toEqual({ outcome: 'redirected' });
    expect(await stockOf([jug!.id])).toEqual({ [jug!.id]: 260 });
    expect((await db().select().from(orders).where(eq(orders.id, held!.id)))[0]!.status).toBe(
      'pending',
    );
  });

  it('finds a client’s earlier checkouts by address and account, never another account’s', async () => {
    const ip = address();
    const [someone] = await db()
      .insert(users)
      .values({ email: `someone-${randomBytes(4).toString('hex')}@example.com` })
      .returning({ id: users.id });
    const rows = await db()
      .insert(orders)
      .values(
        [null, someone!.id, null].map((userId, index) => ({
          status: index === 2 ? ('expired' as const) : ('pending' as const),
          userId,
          clientKey: ip,
          currency: 'usd',
          amountSubtotal: 0,
          amountTotal: 0,
          stripeCheckoutSessionId: `cs_test_open_${index}_${randomBytes(4).toString('hex')}`,
        })),
      )
      .returning({ sessionId: orders.stripeCheckoutSessionId });
    expect(await openCheckoutsOf(ip, null)).toEqual([rows[0]!.sessionId]);
    expect(await openCheckoutsOf(ip, someone!.id)).toEqual([rows[1]!.sessionId]);
    expect(await openCheckoutsOf(address(), null)).toEqual([]);
    await db()
      .delete(orders)
      .where(
        inArray(
          orders.stripeCheckoutSessionId,
          rows.map((row) => row.sessionId!),
        ),
      );
  });
});
