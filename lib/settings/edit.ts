import { z } from 'zod';
import { db } from '@/db/client';
import type { Actor } from '@/lib/auth/admin-action';
import { recordAudit } from '@/lib/platform/audit-log';
import { writeCheckoutSettings, type CheckoutSettings } from './store-settings';

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'on');

/** The checkout settings form: a checkbox is sent ("on") only when ticked. */
export const checkoutSettingsInput = z.object({
  taxEnabled: checkbox,
  invoicesEnabled: checkbox,
});

/** Saves the checkout settings with an audit row of what changed, in one transaction. */
export async function saveCheckoutSettings(
  settings: CheckoutSettings,
  actor: Actor,
): Promise<{ message: string }> {
  return db().transaction(async (tx) => {
    const before = await writeCheckoutSettings(settings, actor.email, tx);
    const changed = (Object.keys(settings) as (keyof CheckoutSettings)[]).filter(
      (key) => before[key] !== settings[key],
    );
    if (changed.length === 0) return { message: 'Nothing changed.' };
    await recordAudit(tx, actor, {
      action: 'settings.checkout',
      targetType: 'store_settings',
      targetId: 'checkout',
      detail: Object.fromEntries(
        changed.map((key) => [key, { from: before[key], to: settings[key] }]),
      ),
    });
    return {
      message: `Saved: Stripe Tax is ${settings.taxEnabled ? 'on' : 'off'}, invoices for one-time purchases are ${settings.invoicesEnabled ? 'on' : 'off'}.`,
    };
  });
}
