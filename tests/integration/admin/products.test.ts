import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLog, orderItems, orders, products } from '@/db/schema';
import { createProduct, productInput, setProductActive, updateProduct } from '@/lib/catalogue/edit';

const suffix = randomBytes(4).toString('hex');
const actor = { id: 'test', email: `products-${suffix}@example.com`, ip: '192.0.2.1' };

function form(overrides: Record<string, string> = {}) {
  return productInput.parse({
    name: 'Linen napkin',
    slug: `linen-napkin-${suffix}`,
    description: 'Stonewashed.',
    currency: 'usd',
    price: '12.50',
    stock: '',
    active: 'on',
    image: '/products/linen-apron.svg',
    ...overrides,
  });
}

afterAll(async () => {
  await db().$client.end();
});

describe('products admin', () => {
  it('reads prices in major units and names each bad field', () => {
    expect(form({ price: '12.5' }).unitAmount).toBe(1250);
    expect(form({ price: '500', currency: 'jpy' }).unitAmount).toBe(500);
    const result = productInput.safeParse({
      name: '',
      slug: 'Not A Slug',
      currency: 'xyz',
      price: '12.345',
      stock: '-1',
      image: 'https://example.com/x.png',
    });
    expect(result.success).toBe(false);
    const fields = new Set(result.error?.issues.map((issue) => issue.path[0]));
    expect(fields).toEqual(new Set(['name', 'slug', 'currency', 'stock', 'image']));
    expect(
      productInput.safeParse({ ...form(), price: '12.345', stock: '', active: 'on', image: '' })
        .success,
    ).toBe(false);
  });

  it('refuses a price beyond what the price column holds on its field', () => {
    expect(form({ price: '21474836.47' }).unitAmount).toBe(2 ** 31 - 1);
    for (const price of ['21474836.48', '999999999.99', '99999999999']) {
      const result = productInput.safeParse({
        name: 'Gold napkin',
        slug: 'gold-napkin',
        currency: 'usd',
        price,
        stock: '',
      });
      expect(result.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
        ['price', 'Enter an amount such as 28.50, at most $21,474,836.47.'],
      ]);
    }
  });

  it('creates, edits and archives a product, auditing each change', async () => {
    const created = await createProduct(form(), actor);
    if (!created.ok) throw new Error(created.message);
    const updated = await updateProduct(
      created.id,
      { ...form({ price: '14.00', stock: '7' }), loadedStock: null },
      actor,
    );
    expect(updated.ok).toBe(true);
    await setProductActive(created.id, false, actor);

    const [row] = await db().select().from(products).where(eq(products.id, created.id));
    expect(row).toMatchObject({ unitAmount: 1400, stock: 7, active: false });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, created.id), eq(auditLog.actor, actor.email)));
    expect(audit.map((entry) => entry.action)).toEqual([
      'product.create',
      'product.update',
      'product.archive',
    ]);
    expect(audit[1]?.detail).toMatchObject({
      unitAmount: { from: 1250, to: 1400 },
      stock: { from: null, to: 7 },
    });
  });

  it('says which field clashes when a slug is already taken', async () => {
    const slug = `taken-${suffix}`;
    await createProduct(form({ slug }), actor);
    expect(await createProduct(form({ slug }), actor)).toEqual({
      ok: false,
      message: 'Check the highlighted fields.',
      fieldErrors: { slug: 'Another product already uses this slug.' },
    });
  });

  it('changing a price never changes an order already placed', async () => {
    const created = await createProduct(form({ slug: `priced-${suffix}` }), actor);
    if (!created.ok) throw new Error(created.message);
    const [order] = await db()
      .insert(orders)
      .values({ currency: 'usd', amountSubtotal: 2500, amountTotal: 2500, status: 'paid' })
      .returning();
    await db().insert(orderItems).values({
      orderId: order!.id,
      productId: created.id,
      name: 'Linen napkin',
      unitAmount: 1250,
      quantity: 2,
    });

    await updateProduct(
      created.id,
      {
        ...form({ slug: `priced-${suffix}`, name: 'Cotton napkin', price: '99.00' }),
        loadedStock: null,
      },
      actor,
    );

    const [item] = await db().select().from(orderItems).where(eq(orderItems.orderId, order!.id));
    const [after] = await db().select().from(orders).where(eq(orders.id, order!.id));
    expect(item).toMatchObject({ name: 'Linen napkin', unitAmount: 1250 });
    expect(after).toMatchObject({ amountTotal: 2500 });
  });
});
