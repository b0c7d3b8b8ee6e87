import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { earlyFraudWarnings } from '@/db/schema';

/**
 * The early fraud warning that holds an order's fulfilment, if any: one still actionable (the
 * disputes mirror clears `actionable` once the payment is refunded in full or disputed, so a
 * settled warning holds nothing). Read in the shipping transaction, and by the order page.
 */
export async function fraudHoldOf(
  executor: Executor,
  orderId: string,
): Promise<{ id: string; fraudType: string } | null> {
  const [warning] = await executor
    .select({ id: earlyFraudWarnings.id, fraudType: earlyFraudWarnings.fraudType })
    .from(earlyFraudWarnings)
    .where(and(eq(earlyFraudWarnings.orderId, orderId), eq(earlyFraudWarnings.actionable, true)))
    .orderBy(desc(earlyFraudWarnings.created))
    .limit(1);
  return warning ?? null;
}
