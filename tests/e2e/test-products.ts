import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect, type Browser } from '@playwright/test';
import { products } from '@/db/schema';
import { signInAsAdmin } from './admin-sign-in';
import { e2eDatabase } from './e2e-database';

/**
 * A product of the calling test's own, with `stock` units, written straight to the store's
 * database: its stock can be checked exactly, whatever other specs buy. Retire it afterwards
 * (`retireTestProducts`), or the catalogue other specs count would list it.
 */
export async function createTestProduct(
  name: string,
  stock: number,
  options: { ships?: boolean } = {},
): Promise<{ id: string; name: string }> {
  const unique = `${name} ${randomBytes(3).toString('hex')}`;
  const { db, sql } = e2eDatabase();
  try {
    const [row] = await db
      .insert(products)
      .values({
        slug: unique.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        name: unique,
        description: 'Made for one end-to-end test.',
        unitAmount: 2400,
        currency: 'usd',
        stock,
        ships: options.ships ?? false,
      })
      .returning({ id: products.id });
    return { id: row!.id, name: unique };
  } finally {
    await sql.end();
  }
}

export async function stockOf(productId: string): Promise<number | null> {
  const { db, sql } = e2eDatabase();
  try {
    const [row] = await db
      .select({ stock: products.stock })
      .from(products)
      .where(eq(products.id, productId));
    return row!.stock;
  } finally {
    await sql.end();
  }
}

/** Archives the products as an admin would, which also refreshes the cached catalogue pages. */
export async function retireTestProducts(
  browser: Browser,
  baseURL: string,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await signInAsAdmin(page);
    for (const id of ids) {
      await page.goto(`/admin/products/${id}`);
      await page.getByRole('button', { name: 'Archive product' }).click();
      await expect(page.getByText('Archived: the product is no longer on sale.')).toBeVisible();
    }
  } finally {
    await context.close();
  }
}
