import { count } from 'drizzle-orm';
import { minorUnitDigits } from '@/lib/money';
import type { Database } from './client';
import { DEMO_CATALOGUE } from './catalogue';
import { products } from './schema';

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

/** Loads the demo catalogue into an empty products table; does nothing when products exist. */
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
  }));
  await db.insert(products).values(rows).onConflictDoNothing({ target: products.slug });
  return { inserted: rows.length };
}
