import { count, eq, sql as raw } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Connection } from '@/db/client';
import { seedCatalogue, seedShippingZones } from '@/db/seed';
import { products, shippingZones } from '@/db/schema';
import { listShippingZones } from '@/lib/shipping/zones';
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

  it('ships every physical good with the general tangible goods tax code, and not the membership', async () => {
    const rows = await db().select().from(products);
    for (const row of rows) {
      expect({ slug: row.slug, ships: row.ships, taxCode: row.taxCode }).toEqual(
        row.recurringInterval
          ? { slug: row.slug, ships: false, taxCode: null }
          : { slug: row.slug, ships: true, taxCode: 'txcd_99999999' },
      );
    }
  });

  it('ships at home and to Europe, priced in the store currency', async () => {
    const zones = await listShippingZones(db());
    const summary = zones.map((zone) => ({
      name: zone.name,
      countries: zone.countries,
      rates: zone.rates.map((rate) => [
        rate.name,
        rate.amount,
        rate.currency,
        rate.freeOverAmount,
        rate.minDays,
        rate.maxDays,
      ]),
    }));
    expect(summary).toEqual([
      {
        name: 'Domestic',
        countries: ['US'],
        rates: [
          ['Standard', 500, 'usd', 7500, 3, 5],
          ['Express', 1500, 'usd', null, 1, 2],
        ],
      },
      {
        name: 'Europe',
        countries: expect.arrayContaining(['GB', 'IE', 'FR', 'DE', 'NL', 'SE', 'DK', 'ES', 'IT']),
        rates: [['Standard', 1200, 'usd', null, 5, 10]],
      },
    ]);
  });

  it("scales the demo shipping rates to the currency's decimals, and leaves existing zones alone", async () => {
    expect(await seedShippingZones(db(), 'jpy')).toEqual({ inserted: 0 });
    const rates = async (currency: string) => {
      await db().delete(shippingZones);
      await seedShippingZones(db(), currency);
      const [domestic] = await listShippingZones(db());
      return domestic!.rates.map((rate) => [rate.currency, rate.amount, rate.freeOverAmount]);
    };
    // Yen are whole (¥750 is 750); dinars have three decimals (5.000 KWD is 5000).
    expect(await rates('jpy')).toEqual([
      ['jpy', 750, 11250],
      ['jpy', 2250, null],
    ]);
    expect(await rates('kwd')).toEqual([
      ['kwd', 5000, 75000],
      ['kwd', 15000, null],
    ]);
    expect(await rates('sek')).toEqual([
      ['sek', 5000, 75000],
      ['sek', 15000, null],
    ]);
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
