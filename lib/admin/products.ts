import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { products, type Product } from '@/db/schema';
import { amountInputHint, parseMajorAmount } from '@/lib/money';
import type { Actor } from './action';
import { recordAudit } from './audit';

const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency').map((c) => c.toLowerCase()));

/** The product form as submitted (all strings); prices are typed in major units ("28.50"). */
export const productInput = z
  .object({
    name: z.string().trim().min(1, 'Enter a name.').max(200, 'Use at most 200 characters.'),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens.')
      .max(120, 'Use at most 120 characters.'),
    description: z.string().trim().max(5000, 'Use at most 5000 characters.').default(''),
    currency: z
      .string()
      .trim()
      .toLowerCase()
      .refine((code) => ISO_CURRENCIES.has(code), 'Use an ISO currency code such as usd or eur.'),
    price: z.string().trim().min(1, 'Enter a price.'),
    stock: z
      .string()
      .trim()
      .default('')
      .refine(
        (value) => value === '' || /^\d{1,9}$/.test(value),
        'Enter a whole number, or leave empty for unlimited.',
      )
      .transform((value) => (value === '' ? null : Number(value))),
    active: z
      .string()
      .optional()
      .transform((value) => value === 'on'),
    /** "once", or how often a recurring product bills: "month" or "year". */
    billing: z.enum(['once', 'month', 'year'], 'Choose how the price is charged.').default('once'),
    intervalCount: z
      .string()
      .trim()
      .default('1')
      .refine((value) => /^(1[0-2]|[1-9])$/.test(value), 'Enter a whole number from 1 to 12.')
      .transform(Number),
    image: z
      .string()
      .trim()
      .default('')
      .refine(
        (value) => value === '' || /^\/products\/[a-z0-9-]+\.(svg|png|jpg|webp)$/.test(value),
        'Choose one of the product images.',
      )
      .transform((value) => (value === '' ? null : value)),
  })
  .transform((input, ctx) => {
    const unitAmount = parseMajorAmount(input.price, input.currency);
    if (unitAmount === null) {
      ctx.addIssue({ code: 'custom', path: ['price'], message: amountInputHint(input.currency) });
      return z.NEVER;
    }
    const { price: _price, billing, intervalCount, ...rest } = input;
    const isRecurring = billing !== 'once';
    return {
      ...rest,
      unitAmount,
      recurringInterval: isRecurring ? billing : null,
      recurringIntervalCount: isRecurring ? intervalCount : null,
    };
  });

export type ProductInput = z.infer<typeof productInput>;

export type ProductResult =
  { ok: true; id: string } | { ok: false; message: string; fieldErrors?: Record<string, string> };

export async function listProducts(): Promise<Product[]> {
  return db().select().from(products).orderBy(desc(products.active), asc(products.name));
}

export async function findProduct(id: string): Promise<Product | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [product] = await db().select().from(products).where(eq(products.id, id));
  return product ?? null;
}

/** Images that ship with the store, for the image picker. */
export async function productImages(): Promise<string[]> {
  try {
    const files = await readdir(path.resolve('public/products'));
    return files
      .filter((file) => /\.(svg|png|jpg|webp)$/.test(file))
      .map((file) => `/products/${file}`)
      .sort();
  } catch {
    return [];
  }
}

function isSlugTaken(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? error;
  return (cause as { code?: string }).code === '23505';
}

const SLUG_TAKEN: ProductResult = {
  ok: false,
  message: 'Check the highlighted fields.',
  fieldErrors: { slug: 'Another product already uses this slug.' },
};

export async function createProduct(input: ProductInput, actor: Actor): Promise<ProductResult> {
  try {
    return await db().transaction(async (tx) => {
      const [row] = await tx.insert(products).values(input).returning({ id: products.id });
      await recordAudit(tx, actor, {
        action: 'product.create',
        targetType: 'product',
        targetId: row!.id,
        detail: { name: input.name, unitAmount: input.unitAmount, currency: input.currency },
      });
      return { ok: true as const, id: row!.id };
    });
  } catch (error) {
    if (isSlugTaken(error)) return SLUG_TAKEN;
    throw error;
  }
}

/**
 * Orders keep the name and price they were bought at (order_items snapshots them), so editing a
 * product here never changes an order already placed.
 */
export async function updateProduct(
  id: string,
  input: ProductInput,
  actor: Actor,
): Promise<ProductResult> {
  try {
    return await db().transaction(async (tx) => {
      const [before] = await tx.select().from(products).where(eq(products.id, id)).for('update');
      if (!before) return { ok: false as const, message: 'That product no longer exists.' };
      await tx
        .update(products)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(products.id, id));
      const changed = Object.fromEntries(
        Object.entries(input)
          .filter(([key, value]) => before[key as keyof Product] !== value)
          .map(([key, value]) => [key, { from: before[key as keyof Product], to: value }]),
      );
      await recordAudit(tx, actor, {
        action: 'product.update',
        targetType: 'product',
        targetId: id,
        detail: changed,
      });
      return { ok: true as const, id };
    });
  } catch (error) {
    if (isSlugTaken(error)) return SLUG_TAKEN;
    throw error;
  }
}

/** Archived products leave the store but stay on past orders; restoring puts them back on sale. */
export async function setProductActive(
  id: string,
  active: boolean,
  actor: Actor,
): Promise<ProductResult> {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .update(products)
      .set({ active, updatedAt: new Date() })
      .where(eq(products.id, id))
      .returning({ id: products.id });
    if (!row) return { ok: false as const, message: 'That product no longer exists.' };
    await recordAudit(tx, actor, {
      action: active ? 'product.restore' : 'product.archive',
      targetType: 'product',
      targetId: id,
    });
    return { ok: true as const, id };
  });
}
