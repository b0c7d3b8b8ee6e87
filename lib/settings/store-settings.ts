import { eq, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { storeSettings } from '@/db/schema';

/** The checkout settings an admin changes at /admin/settings (db/schema/shipping.ts). */
export interface CheckoutSettings {
  /** Stripe Tax: automatic_tax, products' tax codes and tax id collection. */
  taxEnabled: boolean;
  /** invoice_creation on one-time payments. */
  invoicesEnabled: boolean;
}

const DEFAULTS: CheckoutSettings = { taxEnabled: false, invoicesEnabled: false };

/** The store's settings; the defaults (both off) when migration 0012's row is missing. */
export async function readCheckoutSettings(executor: Executor = db()): Promise<CheckoutSettings> {
  const [row] = await executor
    .select({
      taxEnabled: storeSettings.taxEnabled,
      invoicesEnabled: storeSettings.invoicesEnabled,
    })
    .from(storeSettings)
    .where(eq(storeSettings.id, true));
  return row ?? DEFAULTS;
}

/** Writes the settings (the one row, created if missing); returns what they were before. */
export async function writeCheckoutSettings(
  settings: CheckoutSettings,
  actor: string,
  executor: Executor = db(),
): Promise<CheckoutSettings> {
  return executor.transaction(async (tx) => {
    const before = await tx
      .select({
        taxEnabled: storeSettings.taxEnabled,
        invoicesEnabled: storeSettings.invoicesEnabled,
      })
      .from(storeSettings)
      .where(eq(storeSettings.id, true))
      .for('update');
    await tx
      .insert(storeSettings)
      .values({ id: true, ...settings, updatedBy: actor })
      .onConflictDoUpdate({
        target: storeSettings.id,
        set: { ...settings, updatedBy: actor, updatedAt: sql`now()` },
      });
    return before[0] ?? DEFAULTS;
  });
}
