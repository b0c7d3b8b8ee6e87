import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { products, type Product } from '@/db/schema';
import { amountInputHint, parseMajorAmount } from '@/lib/money';
import type { Actor } from '@/lib/auth/admin-action';
import { recordAudit } from '@/lib/platform/audit-log';

const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency').map((c) => c.toLowerCase()));

/** A stock count as the form carries it: digits, or empty for unlimited (null). */
const stockField = z
  .string()
  .trim()
  .refine(
    (value) => value === '' || /^\d{1,9}$/.test(value),
    'Enter a whole number, or leave empty for unlimited.',
  )
  .transform((value) => (value === '' ? null : Number(value)));

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
    stock: stockField.default(null),
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
    /** A physical good: its checkout collects a shipping address and offers shipping rates. */
    ships: z
      .string()
      .optional()
      .transform((value) => value === 'on'),
    /** Stripe Tax's product tax code; empty leaves the account's default tax code. */
    taxCode: z
      .string()
      .trim()
      .toLowerCase()
      .default('')
      .refine(
        (value) => value === '' || /^txcd_\d{8}$/.test(value),
        'Enter a Stripe tax code: txcd_ and 8 digits, such as txcd_99999999, or leave it empty.',
      )
      .transform((value) => (value === '' ? null : value)),
  })
  .transform((input, ctx) => {
    const unitAmount = parseMajorAmount(input.price, input.currency);
    if (unitAmount === null) {
      ctx.addIssue({ code: 'custom', path: ['price'], message: amountInputHint(input.currency) });
    }
    // "Only Checkout Sessions in payment mode support shipping options"
    // (https://docs.stripe.com/payments/during-payment/charge-shipping): subscriptions cannot ship.
    if (input.ships && input.billing !== 'once') {
      ctx.addIssue({
        code: 'custom',
        path: ['ships'],
        message:
          'A recurring product cannot ship: Checkout offers shipping rates on one-time purchases only.',
      });
    }
    if (unitAmount === null || (input.ships && input.billing !== 'once')) return z.NEVER;
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

/** The edit form also carries the stock it was loaded with, so a save cannot erase sales. */
export const productEditInput = z.intersection(
  z.object({
    id: z.uuid('Unknown product.'),
    loadedStock: z
      .string({ error: 'Reload the page: the form lost the stock it was loaded with.' })
      .pipe(stockField),
  }),
  productInput,
);

export type ProductEditInput = Omit<z.infer<typeof productEditInput>, 'id'>;

export type ProductResult =
  | { ok: true; id: string }
  | {
      ok: false;
      message: string;
      fieldErrors?: Record<string, string>;
      /** Form values to show instead of the submitted ones (the stock found when it had moved). */
      values?: Record<string, string>;
    };

type StockEdit = { stock: number | null } | { moved: string };

/**
 * What a product save does to stock, given the stock the form was loaded with, what the admin
 * typed, and the stock now (read under the row lock). Checkouts and expiries move stock while the
 * form is open, so writing the typed number blindly would erase every sale in between (an
 * oversell). Pure. The rules, in order:
 * 1. Stock field left as loaded: keep the stock as it is now.
 * 2. Typed what it already is now: nothing to change.
 * 3. Stock unchanged since the form loaded: write what was typed (a compare-and-set).
 * 4. Otherwise refuse, saying what it is now, so the admin decides with that number.
 */
export function stockEdit(
  loaded: number | null,
  typed: number | null,
  now: number | null,
): StockEdit {
  if (typed === loaded) return { stock: now };
  if (typed === now || loaded === now) return { stock: typed };
  const label = (stock: number | null) => (stock === null ? 'unlimited' : String(stock));
  return {
    moved: `Stock changed from ${label(loaded)} to ${label(now)} while you were editing: orders took or returned stock meanwhile. Check the number and save again to set it to ${label(typed)}.`,
  };
}

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
 * product here never changes an order already placed. Stock follows `stockEdit`.
 */
export async function updateProduct(
  id: string,
  { loadedStock, ...input }: ProductEditInput,
  actor: Actor,
): Promise<ProductResult> {
  try {
    return await db().transaction(async (tx): Promise<ProductResult> => {
      // The row lock waits out any checkout reserving this product, then reads the stock it left.
      const [before] = await tx.select().from(products).where(eq(products.id, id)).for('update');
      if (!before) return { ok: false, message: 'That product no longer exists.' };
      const edit = stockEdit(loadedStock, input.stock, before.stock);
      if ('moved' in edit) {
        return {
          ok: false,
          message: 'Check the highlighted fields.',
          fieldErrors: { stock: edit.moved },
          values: { loadedStock: before.stock === null ? '' : String(before.stock) },
        };
      }
      const saved = { ...input, stock: edit.stock };
      await tx
        .update(products)
        .set({ ...saved, updatedAt: new Date() })
        .where(eq(products.id, id));
      const changed = Object.fromEntries(
        Object.entries(saved)
          .filter(([key, value]) => before[key as keyof Product] !== value)
          .map(([key, value]) => [key, { from: before[key as keyof Product], to: value }]),
      );
      await recordAudit(tx, actor, {
        action: 'product.update',
        targetType: 'product',
        targetId: id,
        detail: changed,
      });
      return { ok: true, id };
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
