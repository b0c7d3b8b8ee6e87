import { and, asc, desc, eq, gte, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, products, promotionCodes, type PromotionCode } from '@/db/schema';
import type { Money } from '@/lib/money';
import { MONEY_TAKEN_STATUSES } from '@/lib/orders/state';
import { storeCurrency } from '@/lib/platform/store-settings';

/**
 * A redemption is an order that used the code and was paid: Stripe counts the code redeemed when
 * the session completes and a refund never gives the use back (times_redeemed only grows), so
 * refunded and partly refunded orders still count. Unpaid, failed and expired checkouts do not.
 */
export const REDEMPTION_STATUSES = MONEY_TAKEN_STATUSES;

export interface PromotionCodeListing extends PromotionCode {
  redemptions: number;
  /** What the code took off its paid orders, per currency (a percentage may serve several). */
  discountGiven: Money[];
}

/** Every promotion code, newest first, with how often it was redeemed and what it gave. */
export async function listPromotionCodes(): Promise<PromotionCodeListing[]> {
  const [codes, usage] = await Promise.all([
    db()
      .select()
      .from(promotionCodes)
      .orderBy(desc(promotionCodes.createdAt), desc(promotionCodes.id)),
    redemptionsSince(null),
  ]);
  return codes.map((code) => {
    const rows = usage.filter((row) => row.promotionCodeId === code.id);
    return {
      ...code,
      redemptions: rows.reduce((sum, row) => sum + row.redemptions, 0),
      discountGiven: rows.map((row) => ({ amount: row.discountGiven, currency: row.currency })),
    };
  });
}

/** How long back the dashboard's card counts redemptions: its widest revenue window. */
export const DASHBOARD_PERIOD_DAYS = 30;

export interface CodeRedemptions {
  promotionCodeId: string;
  code: string;
  currency: string;
  redemptions: number;
  discountGiven: number;
}

/**
 * Redemptions per code and currency of orders paid in the last `days` days, most used first,
 * for the dashboard. Cheap: only orders with a code are read (orders_promotion_code_id_idx).
 */
export async function redemptionsByCode(
  days: number = DASHBOARD_PERIOD_DAYS,
): Promise<CodeRedemptions[]> {
  return redemptionsSince(sql`now() - make_interval(days => ${days})`);
}

function redemptionsSince(since: SQL | null): Promise<CodeRedemptions[]> {
  const redemptions = sql<number>`count(*)::int`.mapWith(Number);
  return db()
    .select({
      promotionCodeId: sql<string>`${orders.promotionCodeId}`,
      // The code as the admin made it; what the customer typed if the row is gone.
      code: sql<string>`coalesce(max(${promotionCodes.code}), upper(max(${orders.promotionCode})), ${orders.promotionCodeId})`,
      currency: orders.currency,
      redemptions,
      discountGiven: sql<number>`coalesce(sum(${orders.amountDiscount}), 0)::bigint`.mapWith(
        Number,
      ),
    })
    .from(orders)
    .leftJoin(promotionCodes, eq(promotionCodes.id, orders.promotionCodeId))
    .where(
      and(
        isNotNull(orders.promotionCodeId),
        inArray(orders.status, [...REDEMPTION_STATUSES]),
        since ? gte(orders.paidAt, since) : undefined,
      ),
    )
    .groupBy(orders.promotionCodeId, orders.currency)
    .orderBy(desc(redemptions), asc(orders.promotionCodeId), asc(orders.currency));
}

/** The currencies a code may be made in: the store's own first, then any a product is sold in. */
export async function storeCurrencies(): Promise<string[]> {
  const rows = await db()
    .selectDistinct({ currency: products.currency })
    .from(products)
    .where(eq(products.active, true))
    .orderBy(products.currency);
  const own = storeCurrency();
  return [own, ...rows.map((row) => row.currency.toLowerCase()).filter((code) => code !== own)];
}

/** The row of the active code with this code (any case), if there is one. */
export async function findActiveCode(code: string): Promise<PromotionCode | null> {
  const [row] = await db()
    .select()
    .from(promotionCodes)
    .where(
      and(eq(promotionCodes.active, true), sql`lower(${promotionCodes.code}) = lower(${code})`),
    );
  return row ?? null;
}
