import type Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orderEvents, orderItems, orders, type Order } from '@/db/schema';
import { itemCount, type Cart } from '@/lib/cart/lines';
import { describeProblem, priceCart, type PricedCart } from '@/lib/cart/pricing';
import { abandonCheckout, cancelUnpaidOrder } from '@/lib/checkout/abandon';
import {
  checkoutSizeRefusal,
  clientHoldRefusal,
  holdLimits,
  lockClientHolds,
  openCheckoutsOf,
  unitsHeldBy,
  type HoldLimits,
  type HoldRefusal,
} from '@/lib/checkout/holds';
import { checkoutOfferFor, offeredShippingRates } from '@/lib/checkout/offer';
import {
  buildCheckoutSessionParams,
  CHECKOUT_SESSION_LIFETIME_SECONDS,
} from '@/lib/checkout/session-params';
import type { CheckoutResult } from '@/lib/checkout/result';
import { checkoutSessionFailure } from '@/lib/checkout/stripe-refusal';
import { ensureStripeCustomer } from '@/lib/customers/stripe-customer';
import { env } from '@/lib/env';
import { findProductsForCart } from '@/lib/catalogue/queries';
import { reserveStock } from '@/lib/catalogue/reservations';
import { stripe } from '@/lib/stripe';

class StockShortage extends Error {
  constructor(readonly shortages: Array<{ productId: string; available: number }>) {
    super('stock shortage');
  }
}

class HoldRefused extends Error {
  constructor(readonly refusal: HoldRefusal) {
    super('hold limit');
  }
}

/**
 * Turns a cart into a pending order with its stock reserved, then a Checkout Session for it.
 * The customer's previous unpaid checkouts are expired first, so their stock returns: the one in
 * their `checkout_session` cookie, and any other the same client left open (a dropped cookie).
 */
export async function startCheckout(input: {
  cart: Cart;
  email?: string | null;
  previousSessionId?: string | null;
  /** The signed-in customer, if any: the order is theirs and their Stripe Customer pays. */
  customer?: { id: string; email: string } | null;
  /**
   * The shopper's client key (`clientKey`): caps what their unpaid checkouts hold together.
   * Absent only for callers that are not a shopper (the bench route, tests of other rules).
   */
  client?: string | null;
  /** The country chosen in the cart (ISO code): where goods that ship go. */
  shipTo?: string | null;
}): Promise<CheckoutResult> {
  // Refused whatever the stock: such a post must not end the client's other checkouts either.
  if (input.cart.lines.length === 0) return EMPTY_CART;
  const limits = holdLimits();
  const tooLarge = checkoutSizeRefusal(itemCount(input.cart), limits);
  if (tooLarge) return { kind: 'rejected', ...tooLarge };

  // Before pricing, so the stock the customer's own previous checkouts hold counts as available.
  if (input.previousSessionId) await abandonCheckout(input.previousSessionId);
  if (input.client) {
    for (const sessionId of await openCheckoutsOf(input.client, input.customer?.id ?? null))
      await abandonCheckout(sessionId);
  }

  const priced = priceCart(
    input.cart,
    await findProductsForCart(input.cart.lines.map((line) => line.productId)),
  );
  const rejection = rejectionFor(priced);
  if (rejection) return rejection;
  const offered = await checkoutOfferFor(
    { ...priced, currency: priced.currency!, subtotal: priced.subtotal! },
    input.shipTo ?? null,
  );
  if (offered.kind === 'rejected') return offered;

  let stripeCustomerId: string | null = null;
  if (input.customer) {
    try {
      stripeCustomerId = await ensureStripeCustomer(input.customer.id);
    } catch (error) {
      console.error(`checkout: no Stripe Customer for user ${input.customer.id}:`, error);
      return STRIPE_UNAVAILABLE;
    }
  }

  let order: Order;
  try {
    order = await placePendingOrder(
      priced,
      {
        email: input.customer?.email ?? input.email ?? null,
        userId: input.customer?.id ?? null,
        clientKey: input.client ?? null,
      },
      offered.country,
      limits,
    );
  } catch (error) {
    if (error instanceof HoldRefused) return { kind: 'rejected', ...error.refusal };
    if (!(error instanceof StockShortage)) throw error;
    const problems = error.shortages.map(({ productId, available }) => {
      const name =
        priced.lines.find((line) => line.productId === productId)?.product?.name ?? 'An item';
      return available > 0
        ? describeProblem(name, { kind: 'insufficient_stock', available })
        : describeProblem(name, { kind: 'sold_out' });
    });
    return { kind: 'rejected', message: 'Some items just sold out.', problems };
  }

  const config = env();
  const params = buildCheckoutSessionParams(
    {
      id: order.id,
      number: order.number,
      currency: order.currency,
      email: order.email,
      stripeCustomerId,
      items: priced.lines.map((line) => ({
        name: line.product!.name,
        unitAmount: line.product!.unitAmount,
        quantity: line.quantity,
        image: line.product!.image,
        taxCode: line.product!.taxCode,
      })),
    },
    { appUrl: config.APP_URL, captureMethod: config.CHECKOUT_CAPTURE_METHOD, now: new Date() },
    offered.offer,
  );

  let session: Stripe.Checkout.Session;
  try {
    // Derived from the order, so a retried request can never open a second session for it.
    session = await stripe().checkout.sessions.create(params, {
      idempotencyKey: `checkout-session:${order.id}`,
    });
  } catch (error) {
    await cancelUnpaidOrder(order.id, 'checkout_session_failed');
    return checkoutSessionFailure(error, order.number) ?? STRIPE_UNAVAILABLE;
  }

  await db()
    .update(orders)
    .set({
      stripeCheckoutSessionId: session.id,
      expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null,
      // Kept so the completed session's rate (an id only) is named without asking Stripe.
      ...(offered.offer.shipping && {
        shippingOptions: offeredShippingRates(
          offered.offer.shipping.options,
          session.shipping_options ?? [],
        ),
      }),
      updatedAt: new Date(),
    })
    .where(eq(orders.id, order.id));
  return { kind: 'redirect', url: session.url!, orderId: order.id, sessionId: session.id };
}

const EMPTY_CART: CheckoutResult = {
  kind: 'rejected',
  message: 'Your cart is empty.',
  problems: [],
};

const STRIPE_UNAVAILABLE: CheckoutResult = {
  kind: 'rejected',
  message:
    'We couldn’t start the payment. Nothing was charged and your cart is saved; please try again.',
  problems: [],
};

function rejectionFor(priced: PricedCart): CheckoutResult | null {
  const problems = priced.lines.flatMap((line) =>
    line.problem
      ? [describeProblem(line.product?.name ?? 'An item in your cart', line.problem)]
      : [],
  );
  if (problems.length > 0)
    return { kind: 'rejected', message: 'Some items can’t be bought right now.', problems };
  if (!priced.currency || priced.subtotal === null) {
    return {
      kind: 'rejected',
      message: 'Items priced in different currencies must be bought separately.',
      problems: [],
    };
  }
  return null;
}

/**
 * One transaction: the order, its items (prices snapshotted) and the stock reservation, or none of
 * them. With a client key, first the client's hold: counted under its lock, refused over the cap.
 */
async function placePendingOrder(
  priced: PricedCart,
  owner: { email: string | null; userId: string | null; clientKey: string | null },
  /** Where the goods ship, when the order holds goods that ship. */
  shippingCountry: string | null,
  limits: HoldLimits,
): Promise<Order> {
  return db().transaction(async (tx) => {
    if (owner.clientKey) {
      await lockClientHolds(tx, owner.clientKey);
      const held = await unitsHeldBy(tx, owner.clientKey);
      const refusal = clientHoldRefusal(priced.itemCount, held, limits);
      if (refusal) throw new HoldRefused(refusal);
    }
    const [order] = await tx
      .insert(orders)
      .values({
        status: 'pending',
        email: owner.email,
        userId: owner.userId,
        clientKey: owner.clientKey,
        currency: priced.currency!,
        amountSubtotal: priced.subtotal!,
        amountTotal: priced.subtotal!,
        captureMethod: env().CHECKOUT_CAPTURE_METHOD,
        // Only an order with something to post waits to be shipped (the packing list).
        ...(shippingCountry && { shippingCountry, fulfilmentStatus: 'unfulfilled' as const }),
        // Replaced by the session's own expiry once Stripe answers. If this process dies before
        // then, no session will ever expire the order: reconcile cancels it after this time.
        expiresAt: new Date(Date.now() + CHECKOUT_SESSION_LIFETIME_SECONDS * 1000),
      })
      .returning();
    await tx.insert(orderItems).values(
      priced.lines.map((line) => ({
        orderId: order!.id,
        productId: line.productId,
        name: line.product!.name,
        unitAmount: line.product!.unitAmount,
        quantity: line.quantity,
      })),
    );
    const { shortages } = await reserveStock(tx, priced.lines);
    if (shortages.length > 0) throw new StockShortage(shortages);
    await tx.insert(orderEvents).values({
      orderId: order!.id,
      kind: 'checkout_started',
      toStatus: 'pending',
      actor: 'customer',
    });
    return order!;
  });
}
