import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { products, type Product } from '@/db/schema';

/** Inserts products with unique slugs, so test files sharing a database never see each other's rows. */
export async function createProducts(
  rows: Array<{
    name: string;
    unitAmount: number;
    stock: number | null;
    active?: boolean;
    currency?: string;
  }>,
): Promise<Product[]> {
  const suffix = randomBytes(4).toString('hex');
  return db()
    .insert(products)
    .values(
      rows.map((row, index) => ({
        slug: `${row.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${suffix}-${index}`,
        name: row.name,
        unitAmount: row.unitAmount,
        currency: row.currency ?? 'usd',
        stock: row.stock,
        active: row.active ?? true,
      })),
    )
    .returning();
}

export async function stockOf(ids: string[]): Promise<Record<string, number | null>> {
  const rows = await db()
    .select({ id: products.id, stock: products.stock })
    .from(products)
    .where(inArray(products.id, ids));
  return Object.fromEntries(rows.map((row) => [row.id, row.stock]));
}
