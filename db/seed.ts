import { count } from 'drizzle-orm';
import { minorUnitDigits } from '@/lib/money';
import type { Database } from './client';
import { DEMO_CATALOGUE, DEMO_SHIPPING_ZONES, GENERAL_TANGIBLE_GOODS } from './catalogue';
import { products, shippingRates, shippingZones } from './schema';

// Rough US-dollar exchange rates so demo prices look natural in the store's currency.
const PER_USD: Record<string, number> = {
  sek: 10,
  nok: 10,
  dkk: 7,
  jpy: 150,
  eur: 1,
  gbp: 1,
  chf: 1,
  cad: 1,
  aud: 1,
};

/** The demo price of `usdCents` in `currency`, in that currency's minor units, rounded to a whole unit. */
export function demoPrice(usdCents: number, currency: string): number {
  const scale = 10 ** minorUnitDigits(currency);
  const wholeUnits = Math.round((usdCents / 100) * (PER_USD[currency] ?? 1));
  return wholeUnits * scale;
}

/**
 * Loads the demo catalogue into an empty products table, with the demo shipping zones when there
 * are none; does nothing when products exist (so zones an admin deleted stay deleted).
 */
export async function seedCatalogue(db: Database, currency: string): Promise<{ inserted: number }> {
  const [row] = await db.select({ total: count() }).from(products);
  if ((row?.total ?? 0) > 0) return { inserted: 0 };
  const rows = DEMO_CATALOGUE.map((entry) => ({
    slug: entry.slug,
    name: entry.name,
    description: entry.description,
    image: entry.image ?? `/products/${entry.slug}.svg`,
    unitAmount: entry.price?.amount ?? demoPrice(entry.usdCents, currency),
    currency: entry.price?.currency ?? currency,
    stock: entry.stock,
    recurringInterval: entry.recurring?.interval ?? null,
    recurringIntervalCount: entry.recurring?.intervalCount ?? null,
    active: entry.active ?? true,
    ships: !entry.recurring,
    taxCode: entry.recurring ? null : (entry.taxCode ?? GENERAL_TANGIBLE_GOODS),
  }));
  await db.insert(products).values(rows).onConflictDoNothing({ target: products.slug });
  await seedShippingZones(db, currency);
  return { inserted: rows.length };
}

/** The demo shipping zones, priced in the store's currency; does nothing when any zone exists. */
export async function seedShippingZones(
  db: Database,
  currency: string,
): Promise<{ inserted: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ total: count() }).from(shippingZones);
    if ((row?.total ?? 0) > 0) return { inserted: 0 };
    for (const [position, zone] of DEMO_SHIPPING_ZONES.entries()) {
      const [saved] = await tx
        .insert(shippingZones)
        .values({ name: zone.name, countries: zone.countries, position })
        .returning({ id: shippingZones.id });
      await tx.insert(shippingRates).values(
        zone.rates.map((rate, ratePosition) => ({
          zoneId: saved!.id,
          name: rate.name,
          amount: demoPrice(rate.usdCents, currency),
          currency,
          freeOverAmount:
            rate.freeOverUsdCents === undefined ? null : demoPrice(rate.freeOverUsdCents, currency),
          minDays: rate.minDays,
          maxDays: rate.maxDays,
          position: ratePosition,
        })),
      );
    }
    return { inserted: DEMO_SHIPPING_ZONES.length };
  });
}
