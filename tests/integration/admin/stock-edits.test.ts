import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { orderItems, orders, products, users, type Product } from '@/db/schema';
import type { ActionState } from '@/lib/platform/action-state';
import { startCheckout } from '@/lib/checkout/start';
import { createProducts } from '@/tests/support/catalogue-fixtures';
import { startPaymentsHarness, type PaymentsHarness } from '@/tests/support/payments-harness';

// An admin saves a product's form while shoppers check out the same product: the save goes through
// the real admin action (form parsing, the row lock, the audit), checkouts through startCheckout
// against the emulator, all on real Postgres. No sale may be erased by a form loaded before it.

const state = vi.hoisted(() => ({ adminId: '' }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  updateTag: () => {},
}));
vi.mock('next/headers', () => ({
  headers: async () =>
    (await import('@/tests/support/client-headers')).clientHeaders('203.0.113.77'),
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

const { updateProductAction } = await import('@/lib/catalogue/admin-actions');
const IDLE: ActionState = { status: 'idle', message: '' };
let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness();
  const [admin] = await db()
    .insert(users)
    .values({ email: `stock-${randomBytes(4).toString('hex')}@example.com`, role: 'admin' })
    .returning({ id: users.id });
  state.adminId = admin!.id;
});
afterAll(() => harness.stop());

/** The edit page as the admin loaded it: every field as shown, stock included. */
async function loadForm(id: string): Promise<Record<string, string>> {
  const [product] = await db().select().from(products).where(eq(products.id, id));
  return formOf(product!);
}

function formOf(product: Product): Record<string, string> {
  const stock = product.stock === null ? '' : String(product.stock);
  return {
    id: product.id,
    loadedStock: stock,
    name: product.name,
    slug: product.slug,
    description: product.description,
    currency: product.currency,
    price: (product.unitAmount / 100).toFixed(2),
    stock,
    active: product.active ? 'on' : '',
    billing: 'once',
    intervalCount: '1',
    image: product.image ?? '',
  };
}

function save(fields: Record<string, string>): Promise<ActionState> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return updateProductAction(IDLE, form);
}

async function sell(productId: string, quantity: number): Promise<boolean> {
  const result = await startCheckout({ cart: { lines: [{ productId, quantity }] } });
  return result.kind === 'redirect';
}

async function productRow(id: string): Promise<Product> {
  const [row] = await db().select().from(products).where(eq(products.id, id));
  return row!;
}

/** Units the product's open checkouts hold: every sale the stock number must still reflect. */
async function unitsHeld(productId: string): Promise<number> {
  const [row] = await db()
    .select({ units: sql<number>`coalesce(sum(${orderItems.quantity}), 0)::int` })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(eq(orderItems.productId, productId), eq(orders.status, 'pending')));
  return row!.units;
}

describe('saving a product while it sells', () => {
  it('a save that leaves the stock field alone keeps every sale made while the form was open', async () => {
    const [product] = await createProducts([{ name: 'Oak board', unitAmount: 4000, stock: 10 }]);
    const form = await loadForm(product!.id);
    expect(await sell(product!.id, 3)).toBe(true);

    const saved = await save({ ...form, name: 'Oiled oak board' });

    expect(saved).toMatchObject({ status: 'success', message: 'Saved Oiled oak board.' });
    expect(await productRow(product!.id)).toMatchObject({ name: 'Oiled oak board', stock: 7 });
  });

  it('a stock edit after a sale is refused with both numbers, keeping what was typed; saving again sets it', async () => {
    const [product] = await createProducts([{ name: 'Ash board', unitAmount: 4000, stock: 10 }]);
    const form = await loadForm(product!.id);
    expect(await sell(product!.id, 3)).toBe(true);

    const refused = await save({ ...form, name: 'Ash board, restocked', stock: '25' });

    expect(refused).toMatchObject({
      status: 'error',
      message: 'Check the highlighted fields.',
      fieldErrors: {
        stock:
          'Stock changed from 10 to 7 while you were editing: orders took or returned stock meanwhile. Check the number and save again to set it to 25.',
      },
      // Everything typed stays on the page; the form now knows the stock it was refused with.
      values: { ...form, name: 'Ash board, restocked', stock: '25', loadedStock: '7' },
    });
    expect(refused.values).toEqual({
      ...form,
      name: 'Ash board, restocked',
      stock: '25',
      loadedStock: '7',
    });
    expect(await productRow(product!.id)).toMatchObject({ name: 'Ash board', stock: 7 });

    expect(await save(refused.values!)).toMatchObject({ status: 'success' });
    expect(await productRow(product!.id)).toMatchObject({
      name: 'Ash board, restocked',
      stock: 25,
    });
  });

  it('a form without the stock it was loaded with cannot save', async () => {
    const [product] = await createProducts([{ name: 'Elm board', unitAmount: 4000, stock: 10 }]);
    const { loadedStock: _dropped, ...form } = await loadForm(product!.id);
    expect(await save({ ...form, stock: '99' })).toMatchObject({
      status: 'error',
      fieldErrors: { loadedStock: 'Reload the page: the form lost the stock it was loaded with.' },
    });
    expect((await productRow(product!.id)).stock).toBe(10);
  });

  it('checkouts reserving while an admin renames and restocks: stock always equals what the admin set minus every unit sold', async () => {
    const initial = 500;
    const restock = 50;
    const [product] = await createProducts([
      { name: 'Walnut board', unitAmount: 4000, stock: initial },
    ]);
    const id = product!.id;
    // Shoppers keep checking out for the whole run, alongside the admin.
    const background = Array.from({ length: 30 }, (_, i) => sell(id, 1 + (i % 3)));

    let restocksApplied = 0;
    let refusals = 0;
    for (let round = 0; round < 6; round++) {
      const isRestock = round % 2 === 1;
      for (let attempt = 0; ; attempt++) {
        expect(attempt, 'the admin gets a save in eventually').toBeLessThan(50);
        const form = await loadForm(id);
        // A sale lands between loading the form and saving it on every first attempt.
        if (attempt === 0) expect(await sell(id, 1)).toBe(true);
        const typed = isRestock ? String(Number(form.stock) + restock) : form.stock!;
        const result = await save({ ...form, name: `Walnut board, round ${round}`, stock: typed });
        if (result.status === 'success') {
          if (isRestock) restocksApplied++;
          break;
        }
        expect(isRestock, JSON.stringify(result)).toBe(true);
        expect(result.fieldErrors?.stock).toMatch(/^Stock changed from \d+ to \d+ while you were/);
        refusals++;
      }
    }
    await Promise.all(background);

    const after = await productRow(id);
    expect(after.stock, 'no sale erased').toBe(
      initial + restocksApplied * restock - (await unitsHeld(id)),
    );
    expect(after.name).toBe('Walnut board, round 5');
    expect(restocksApplied).toBe(3);
    expect(refusals).toBeGreaterThanOrEqual(3);
  });
});
