import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { orderItems } from '@/db/schema';
import { CART_COOKIE, MAX_LINES, MAX_QUANTITY, parseCart, serializeCart } from '@/lib/cart/lines';
import { createProducts } from '@/tests/support/catalogue-fixtures';
import { fuzzSeed, mutate, seededRandom, type Random } from '@/tests/support/fuzz';
import { startPaymentsHarness, type PaymentsHarness } from '@/tests/support/payments-harness';

// The cart's server actions called as Next calls them, with generated FormData and cookies: an
// in-memory cookie jar stands in for the request's (next/headers), and the cache tag purge is a
// no-op outside a server.
const jar = new Map<string, string>();
/** Each simulated customer arrives from their own address (the checkout limit is per client). */
let clientAddress = '198.51.100.1';
vi.mock('server-only', () => ({}));
vi.mock(import('next/cache'), async (importOriginal) => ({
  ...(await importOriginal()),
  updateTag: () => {},
}));
vi.mock('next/headers', () => ({
  headers: async () =>
    (await import('@/tests/support/client-headers')).clientHeaders(clientAddress),
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
}));

const { addToCart, removeCartLine, updateCartLine } = await import('@/lib/cart/actions');
const { checkout } = await import('@/lib/checkout/actions');

let harness: PaymentsHarness;
let productIds: string[];
let soldOutId: string;
let archivedId: string;

beforeAll(async () => {
  harness = await startPaymentsHarness();
  const created = await createProducts([
    { name: 'Fuzz mug', unitAmount: 1200, stock: 100_000 },
    { name: 'Fuzz bowl', unitAmount: 3400, stock: null },
    { name: 'Fuzz plate', unitAmount: 999, stock: 100_000 },
    { name: 'Fuzz sold out', unitAmount: 500, stock: 0 },
    { name: 'Fuzz archived', unitAmount: 500, stock: 5, active: false },
  ]);
  productIds = created.slice(0, 3).map((product) => product.id);
  soldOutId = created[3]!.id;
  archivedId = created[4]!.id;
});

afterAll(async () => {
  await harness.stop();
});

function productIdValue(random: Random): FormDataEntryValue | null {
  return random.pick<() => FormDataEntryValue | null>([
    () => random.pick(productIds),
    () => random.pick(productIds),
    () => random.pick(productIds).toUpperCase(),
    () => soldOutId,
    () => archivedId,
    () => randomUUID(),
    () => null,
    () => '',
    () => 'abc',
    () => `${random.pick(productIds)}' OR '1'='1`,
    () => 'x'.repeat(10_000),
    () => new File([new Uint8Array(random.bytes(16))], 'id.txt'),
    () => mutate(random, random.pick(productIds)),
  ])();
}

function quantityValue(random: Random): FormDataEntryValue | null {
  return random.pick<() => FormDataEntryValue | null>([
    () => String(1 + random.int(MAX_QUANTITY)),
    () => String(1 + random.int(5)),
    () => null,
    () => '',
    () => '0',
    () => '-1',
    () => '1.5',
    () => '1e2',
    () => ' 3 ',
    () => 'NaN',
    () => 'Infinity',
    () => '99999999999999999999999',
    () => '٣',
    () => String(MAX_QUANTITY + 1),
    () => new File(['2'], 'q.txt'),
  ])();
}

function form(entries: Record<string, FormDataEntryValue | null>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) if (value !== null) data.append(key, value);
  return data;
}

/** Cookie values a tampered, truncated or stale browser might send. */
function cartCookieValue(random: Random): string | undefined {
  const valid = serializeCart({
    lines: productIds.slice(0, 1 + random.int(3)).map((productId) => ({
      productId,
      quantity: 1 + random.int(3),
    })),
  });
  return random.pick<() => string | undefined>([
    () => undefined,
    () => valid,
    () => mutate(random, valid),
    () => valid.slice(0, random.int(valid.length)),
    () => random.bytes(random.int(64)).toString('latin1'),
    () => JSON.stringify({ v: 2, lines: [] }),
    () => JSON.stringify({ v: 1, lines: [[productIds[0], 1e9]] }),
    () =>
      JSON.stringify({
        v: 1,
        lines: Array.from({ length: MAX_LINES + 1 }, () => [randomUUID(), 1]),
      }),
    () =>
      JSON.stringify({
        v: 1,
        lines: [
          [productIds[0], 1],
          [productIds[0], 2],
        ],
      }),
    () => '{"__proto__":{"v":1},"lines":[]}',
    () => '[]',
  ])();
}

function isRedirect(error: unknown): boolean {
  return String((error as { digest?: unknown })?.digest ?? '').startsWith('NEXT_REDIRECT');
}

describe('cart server actions with generated input', () => {
  it('never throw, answer every bad input with a message, and always leave a readable cart', async () => {
    const seed = fuzzSeed();
    const random = seededRandom(seed);
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);

    for (let i = 0; i < 1500; i++) {
      const cookie = cartCookieValue(random);
      if (random.chance(0.3)) {
        if (cookie === undefined) jar.delete(CART_COOKIE);
        else jar.set(CART_COOKIE, cookie);
      }
      const before = jar.get(CART_COOKIE);
      const action = random.pick(['add', 'update', 'remove'] as const);
      const data = form({
        productId: productIdValue(random),
        quantity: quantityValue(random),
        ...(random.chance(0.1) && { extra: 'x'.repeat(random.int(5000)) }),
      });
      if (action === 'add') {
        const state = await addToCart({ status: 'idle', message: '' }, data);
        expect(['success', 'error'], `seed ${seed}`).toContain(state.status);
        expect(state.message.length).toBeGreaterThan(0);
        count(`add: ${state.status}`);
      } else if (action === 'update') {
        await updateCartLine(data);
        count('update');
      } else {
        await removeCartLine(data);
        count('remove');
      }

      // Whatever came in, what the actions wrote back is a valid cart of known products.
      const written = jar.get(CART_COOKIE);
      if (written !== undefined && written !== before) {
        const parsed = parseCart(written);
        expect(parsed.isValid, `seed ${seed}: ${written}`).toBe(true);
        for (const line of parsed.cart.lines) {
          expect(line.quantity).toBeGreaterThanOrEqual(1);
          expect(line.quantity).toBeLessThanOrEqual(MAX_QUANTITY);
        }
      }
    }
    process.stdout.write(
      `cart actions fuzz, seed ${seed}: ${JSON.stringify(Object.fromEntries(outcomes))}\n`,
    );
    expect(outcomes.get('add: success')).toBeGreaterThan(0);
    expect(outcomes.get('add: error')).toBeGreaterThan(0);
  }, 120_000);

  it('checkout with a generated cart cookie either opens a Checkout Session for a valid cart or says why not; an unreadable cart orders nothing', async () => {
    const seed = fuzzSeed();
    const random = seededRandom(seed);
    let redirected = 0;
    let refused = 0;
    for (let i = 0; i < 60; i++) {
      clientAddress = `198.51.100.${random.int(250)}.${i}`;
      const cookie = cartCookieValue(random);
      if (cookie === undefined) jar.delete(CART_COOKIE);
      else jar.set(CART_COOKIE, cookie);
      const parsed = parseCart(cookie);
      const ordersBefore = await ordersForFuzzProducts();
      try {
        const state = await checkout({ status: 'idle', message: '' }, new FormData());
        expect(state.status, `seed ${seed}`).toBe('error');
        expect(state.message.length).toBeGreaterThan(0);
        refused++;
        if (!parsed.isValid || parsed.cart.lines.length === 0)
          expect(await ordersForFuzzProducts()).toBe(ordersBefore);
      } catch (error) {
        if (!isRedirect(error)) throw error;
        expect(parsed.isValid && parsed.cart.lines.length > 0, `seed ${seed}: ${cookie}`).toBe(
          true,
        );
        redirected++;
      }
    }
    process.stdout.write(
      `checkout fuzz, seed ${seed}: ${redirected} redirected, ${refused} refused\n`,
    );
    expect(redirected + refused).toBe(60);
  }, 120_000);
});

async function ordersForFuzzProducts(): Promise<number> {
  const rows = await db()
    .selectDistinct({ id: orderItems.orderId })
    .from(orderItems)
    .where(inArray(orderItems.productId, productIds));
  return rows.length;
}
