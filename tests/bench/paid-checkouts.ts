import { sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { postCardForm } from '@/tests/support/hosted-page';
import type { BenchStack } from './stack';
import { BENCH_WEBHOOK_SECRET } from './stack';

export interface PaidCheckout {
  orderId: string;
  orderNumber: number;
  sessionId: string;
  /** The emulator's own checkout.session.completed event, as Stripe would deliver it. */
  event: Stripe.Event;
}

/**
 * `count` pending orders, each with a real Checkout Session on the emulator, paid on its hosted
 * page with 4242. The emulator has no webhook endpoint, so nothing is delivered: the benchmark
 * delivers the events itself, at the rate it chooses.
 */
export async function createPaidCheckouts(
  stack: BenchStack,
  count: number,
  label: string,
): Promise<PaidCheckout[]> {
  const since = Math.floor(Date.now() / 1000) - 1;
  const orders = await stack.database.db.execute<{ id: string; number: number }>(sql`
    WITH mug AS (SELECT id, name, unit_amount FROM products WHERE slug = 'stoneware-mug'),
    placed AS (
      INSERT INTO orders (status, currency, amount_subtotal, amount_total)
      SELECT 'pending', 'usd', mug.unit_amount, mug.unit_amount FROM mug, generate_series(1, ${count})
      RETURNING id, number
    ),
    items AS (
      INSERT INTO order_items (order_id, product_id, name, unit_amount, quantity)
      SELECT placed.id, mug.id, mug.name, mug.unit_amount, 1 FROM placed, mug
    )
    SELECT id, number FROM placed`);

  const numbers = new Map(orders.map((order) => [order.id, Number(order.number)]));
  const sessionIds = new Map<string, string>();
  await inBatches([...orders], 16, async (order) => {
    const session = await stack.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: 'usd',
            unit_amount: 2800,
            product_data: { name: 'Stoneware Mug' },
          },
        },
      ],
      client_reference_id: order.id,
      metadata: { order_id: order.id, order_number: String(order.number), bench: label },
      success_url: 'http://127.0.0.1/checkout/success?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://127.0.0.1/cart',
    });
    sessionIds.set(order.id, session.id);
    const paid = await postCardForm(String(session.url), '4242 4242 4242 4242', {
      email: `buyer-${order.number}@example.com`,
      name: 'Bench Buyer',
    });
    if (paid.status !== 303) throw new Error(`paying ${session.id} answered ${paid.status}`);
  });

  const pairs = [...sessionIds];
  const pg = stack.database.sql;
  await pg`
    UPDATE orders SET stripe_checkout_session_id = s.session_id
      FROM unnest(${pg.array(pairs.map(([id]) => id))}::uuid[], ${pg.array(pairs.map(([, session]) => session))}::text[])
           AS s(order_id, session_id)
     WHERE orders.id = s.order_id`;

  const events = new Map<string, Stripe.Event>();
  for await (const event of stack.stripe.events.list({
    type: 'checkout.session.completed',
    created: { gte: since },
    limit: 100,
  })) {
    const session = event.data.object as Stripe.Checkout.Session;
    if (session.metadata?.bench === label) events.set(session.metadata.order_id!, event);
  }
  if (events.size !== count)
    throw new Error(`expected ${count} completed events for ${label}, found ${events.size}`);
  return pairs
    .map(([orderId, sessionId]) => ({
      orderId,
      orderNumber: numbers.get(orderId)!,
      sessionId,
      event: events.get(orderId)!,
    }))
    .sort((a, b) => a.orderNumber - b.orderNumber);
}

/** Signed deliveries of `events`, as Stripe would POST them (fresh signatures: 300 s tolerance). */
export function signedDeliveries(stack: BenchStack, events: Stripe.Event[]) {
  return events.map((event) => {
    const body = JSON.stringify(event);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'stripe-signature': stack.stripe.webhooks.generateTestHeaderString({
          payload: body,
          secret: BENCH_WEBHOOK_SECRET,
        }),
      },
    };
  });
}

async function inBatches<T>(
  items: T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
