import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { stripeEvents } from '@/db/schema';
import { afterCommit } from '@/lib/orders/after-commit';
import { benchRoutesDisabled } from '@/lib/platform/bench-routes';
import { applyStripeEvent } from '@/lib/webhooks/dispatch';
import { verifyStripeEvent } from '@/lib/webhooks/verify';

export const runtime = 'nodejs';

/**
 * Bench comparison only: Shopfront's webhook as it was before the inbox. It verifies, then records
 * and applies the event in one transaction per delivery (the dedupe insert, the handler, the
 * recorded result) and answers after the commit. `npm run bench` measures it beside the inbox in
 * the same run, so "applied events per second" is compared on the same machine.
 */
export async function POST(request: Request) {
  const disabled = benchRoutesDisabled();
  if (disabled) return disabled;
  const verification = await verifyStripeEvent(
    await request.text(),
    request.headers.get('stripe-signature'),
  );
  if (verification.kind !== 'verified') return new Response('invalid', { status: 400 });
  const { event } = verification;
  const handled = await db().transaction(async (tx) => {
    const [recorded] = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, created: new Date(event.created * 1000) })
      .onConflictDoNothing({ target: stripeEvents.id })
      .returning({ id: stripeEvents.id });
    if (!recorded) return null;
    const result = await applyStripeEvent(tx, event);
    await tx
      .update(stripeEvents)
      .set({
        state: 'applied',
        nextAttemptAt: null,
        attempts: 1,
        processedAt: new Date(),
        result: `${result.kind}: ${result.detail}`,
      })
      .where(eq(stripeEvents.id, event.id));
    return result;
  });
  if (handled) await afterCommit(handled);
  return Response.json({ outcome: handled ? handled.kind : 'duplicate' });
}
