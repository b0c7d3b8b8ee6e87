import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { revalidateTag, unstable_cache } from 'next/cache';
import { db } from '@/db/client';
import { products, type BillingInterval } from '@/db/schema';
import { formatMoney, formatRecurringPrice } from '@/lib/money';

/** What the storefront shows of a product. */
export interface CatalogueProduct {
  id: string;
  slug: string;
  name: string;
  description: string;
  image: string | null;
  unitAmount: number;
  currency: string;
  stock: number | null;
  /** Set on products sold as subscriptions. */
  recurringInterval: BillingInterval | null;
  recurringIntervalCount: number | null;
}

/** A product's price as the store shows it: "$28.00", or "100,00 kr / month" for a subscription. */
export function priceLabel(
  product: Pick<
    CatalogueProduct,
    'unitAmount' | 'currency' | 'recurringInterval' | 'recurringIntervalCount'
  >,
): string {
  return product.recurringInterval
    ? formatRecurringPrice(product.unitAmount, product.currency, {
        interval: product.recurringInterval,
        intervalCount: product.recurringIntervalCount ?? 1,
      })
    : formatMoney(product.unitAmount, product.currency);
}

/** Cache tag of every catalogue read; whoever changes a product or its stock revalidates it. */
export const CATALOGUE_TAG = 'catalogue';

/**
 * Purges the cached catalogue after products or their stock changed (a commit, not before).
 * Outside a Next request (scripts, tests) there is no cache to purge and Next throws; ignore that.
 */
export function invalidateCatalogue(): void {
  try {
    revalidateTag(CATALOGUE_TAG, { expire: 0 });
  } catch {
    // Not inside a request: nothing is cached in this process.
  }
}

const catalogueColumns = {
  id: products.id,
  slug: products.slug,
  name: products.name,
  description: products.description,
  image: products.image,
  unitAmount: products.unitAmount,
  currency: products.currency,
  stock: products.stock,
  recurringInterval: products.recurringInterval,
  recurringIntervalCount: products.recurringIntervalCount,
};

// Catalogue pages render per request (the header reads the cart cookie), but the product rows
// come from Next's data cache, so a page view costs no query until a product changes.
const cacheOptions = { tags: [CATALOGUE_TAG], revalidate: 300 };

/** Active products in display order, sold-out ones included (they say so). */
export const listActiveProducts = unstable_cache(
  async (): Promise<CatalogueProduct[]> =>
    db()
      .select(catalogueColumns)
      .from(products)
      .where(eq(products.active, true))
      .orderBy(asc(products.name)),
  ['catalogue:list'],
  cacheOptions,
);

/** The active product with this slug, or null: inactive products are not for sale and 404. */
export const findActiveProduct = unstable_cache(
  async (slug: string): Promise<CatalogueProduct | null> => {
    const [product] = await db()
      .select(catalogueColumns)
      .from(products)
      .where(and(eq(products.slug, slug), eq(products.active, true)))
      .limit(1);
    return product ?? null;
  },
  ['catalogue:product'],
  cacheOptions,
);

/** A product as a cart is priced against it: read from the database, never from the cart. */
export interface PricingProduct {
  id: string;
  slug: string;
  name: string;
  image: string | null;
  unitAmount: number;
  currency: string;
  stock: number | null;
  active: boolean;
  /** Goods that are posted: a cart holding one asks where to ship. */
  ships: boolean;
  /** Stripe Tax's category for the product (txcd_...), when the store sets one. */
  taxCode: string | null;
}

export type StockState =
  | { kind: 'unlimited' }
  | { kind: 'in_stock'; left: number }
  | { kind: 'low'; left: number }
  | { kind: 'sold_out' };

const LOW_STOCK_THRESHOLD = 5;

/** What the shopper is told about availability: "Only 3 left", "Sold out". */
export function stockState(stock: number | null): StockState {
  if (stock === null) return { kind: 'unlimited' };
  if (stock <= 0) return { kind: 'sold_out' };
  if (stock <= LOW_STOCK_THRESHOLD) return { kind: 'low', left: stock };
  return { kind: 'in_stock', left: stock };
}

/**
 * Current rows (uncached: stock must be fresh) for the given ids, active or not, for pricing a cart.
 * Recurring products are sold only by subscription, so in a cart they count as not for sale.
 */
export async function findProductsForCart(ids: string[]): Promise<PricingProduct[]> {
  if (ids.length === 0) return [];
  return db()
    .select({
      ...catalogueColumns,
      active: sql<boolean>`${products.active} AND ${products.recurringInterval} IS NULL`,
      ships: products.ships,
      taxCode: products.taxCode,
    })
    .from(products)
    .where(inArray(products.id, ids));
}
