import { count, eq, sql as raw } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Connection } from '@/db/client';
import { seedCatalogue } from '@/db/seed';
import { products } from '@/db/schema';
import { violatedConstraint } from '@/tests/support/postgres-errors';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Seeding is defined on an empty products table, so this file gets a database of its own.
let database: TestDatabase;
let connection: Connection;
const db = () => connection.db;

beforeAll(async () => {
  database = await createTestDatabase('shopfront_seed', inject('databaseUrl'));
  connection = connect(database.url, { max: 2 });
});

afterAll(async () => {
  await connection.sql.end();
  await database.dispose();
});

describe('the demo catalogue', () => {
  it('seeds an empty database with a shop worth browsing, and leaves a stocked one alone', async () => {
    const first = await seedCatalogue(db(), 'usd');
    const second = await seedCatalogue(db(), 'usd');

    const rows = await db().select().from(products);
    expect(first.inserted).toBe(rows.length);
    expect(second.inserted).toBe(0);
    expect(rows.filter((row) => row.active).length).toBeGreaterThanOrEqual(12);
    expect(rows.some((row) => row.active && row.stock === 0)).toBe(true);
    expect(
      rows.some((row) => row.active && row.stock !== null && row.stock > 0 && row.stock <= 5),
    ).toBe(true);
    expect(rows.some((row) => !row.active)).toBe(true);
    for (const row of rows.filter((row) => !row.recurringInterval)) {
      expect(row.image).toMatch(/^\/products\/[a-z0-9-]+\.svg$/);
      expect(Number.isInteger(row.unitAmount)).toBe(true);
      expect(row.currency).toBe('usd');
    }
  });

  it('includes a 100 kr a month membership, priced in kronor whatever the store currency', async () => {
    const [membership] = await db()
      .select()
      .from(products)
      .where(eq(products.slug, 'coffee-refill-club'));
    expect(membership).toMatchObject({
      unitAmount: 10000,
      currency: 'sek',
      recurringInterval: 'month',
      recurringIntervalCount: 1,
      active: true,
    });
  });

  it('refuses stock below zero, so a reservation can never oversell', async () => {
    const [product] = await db().select().from(products).where(eq(products.slug, 'linen-apron'));
    expect(product?.stock).toBe(3);
    const oversell = db()
      .update(products)
      .set({ stock: raw`${products.stock} - 4` })
      .where(eq(products.id, product!.id));
    expect(await violatedConstraint(oversell)).toBe('products_stock_nonnegative');
    const [after] = await db()
      .select({ stock: products.stock })
      .from(products)
      .where(eq(products.id, product!.id));
    expect(after?.stock).toBe(3);
  });

  it('refuses a duplicate slug', async () => {
    const [{ total }] = (await db().select({ total: count() }).from(products)) as [
      { total: number },
    ];
    expect(
      await violatedConstraint(
        db()
          .insert(products)
          .values({ slug: 'stoneware-mug', name: 'Copy', unitAmount: 100, currency: 'usd' }),
      ),
    ).toBe('products_slug_unique');
    const [{ total: after }] = (await db().select({ total: count() }).from(products)) as [
      { total: number },
    ];
    expect(after).toBe(total);
  });
});
