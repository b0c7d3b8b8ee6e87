import { and, eq, gt, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { promotionCodes } from '@/db/schema';

/**
 * Whether a checkout in `currency` should offer the promotion code field: some active code has not
 * expired and can apply (a percentage to any currency, an amount only to its own). Without one the
 * field would only invite codes that cannot work.
 */
export async function promotionCodesOffered(
  currency: string,
  executor: Executor = db(),
): Promise<boolean> {
  const [row] = await executor
    .select({ id: promotionCodes.id })
    .from(promotionCodes)
    .where(
      and(
        eq(promotionCodes.active, true),
        or(isNull(promotionCodes.expiresAt), gt(promotionCodes.expiresAt, sql`now()`)),
        or(
          isNotNull(promotionCodes.percentOff),
          sql`lower(${promotionCodes.currency}) = ${currency.toLowerCase()}`,
        ),
      ),
    )
    .limit(1);
  return row !== undefined;
}
