// POST /v1/subscriptions (docs.stripe.com/api/subscriptions/create): a customer subscribes to
// catalogue prices over the API, charged automatically. The first invoice is created, finalized
// and charged at once to the subscription's default card, else the customer's
// (invoice_settings.default_payment_method). Paid: the subscription is active. Not paid: with
// `payment_behavior` allow_incomplete (the default) it stays `incomplete` with an open invoice;
// error_if_incomplete also answers 402; default_incomplete does not try to charge.
import type Stripe from 'stripe';
import { atCustomerTime } from '../billing/customer-time';
import {
  attemptInvoicePayment,
  billingPaymentMethod,
  newSubscriptionInvoice,
} from '../billing/invoicing';
import {
  currentPeriod,
  emitSubscriptionUpdated,
  newSubscription,
} from '../billing/subscription-lifecycle';
import type { EmulatorContext } from '../context';
import { invalidRequest, StripeApiError } from '../http/errors';
import { expand } from '../http/expansion';
import { array, boolean, integer, metadata, object, parseParams, string } from '../http/params';
import type { ApiCall, Route } from '../http/routes';
import { snapshot } from '../previous-attributes';
import { findLiveCustomer } from './customer-records';
import { requireAttached } from './payment-methods';
import { findPrice } from './prices';

interface CreateParams {
  customer: string;
  items: Array<{ price: string; quantity?: number }>;
  default_payment_method?: string;
  description?: string;
  metadata?: Record<string, string>;
  payment_behavior?: 'allow_incomplete' | 'default_incomplete' | 'error_if_incomplete';
  expand?: string[];
}

export function subscriptionCreationRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/subscriptions$/, handle: (call) => create(ctx, call) },
  ];
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.Subscription {
  const params = parseParams<CreateParams>(
    {
      customer: string(),
      items: array(
        object({ price: string(), quantity: integer({ min: 1 }), metadata: metadata() }, ['price']),
        20,
      ),
      default_payment_method: string(),
      description: string({ maxLength: 500 }),
      metadata: metadata(),
      payment_behavior: string({
        oneOf: ['allow_incomplete', 'default_incomplete', 'error_if_incomplete'],
      }),
      collection_method: string({ oneOf: ['charge_automatically'] }),
      off_session: boolean(),
    },
    call.params,
    ['customer', 'items'],
  );
  const customer = findLiveCustomer(ctx, params.customer, 'customer');
  const items = params.items.map((item, index) => {
    const price = findPrice(ctx, item.price, `items[${index}][price]`);
    if (!price.recurring) {
      throw invalidRequest(
        'The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.',
        `items[${index}][price]`,
      );
    }
    return { price, quantity: item.quantity ?? 1 };
  });
  if (items.length === 0)
    throw invalidRequest('Missing required param: items.', 'items', 'parameter_missing');
  const cycles = new Set(
    items.map(({ price }) => `${price.recurring?.interval}/${price.recurring?.interval_count}`),
  );
  if (cycles.size > 1) {
    throw invalidRequest(
      'All prices on a subscription must have the same `recurring.interval` and `recurring.interval_count`.',
      'items',
    );
  }
  if (params.default_payment_method !== undefined)
    requireAttached(ctx, params.default_payment_method, customer.id, 'default_payment_method');
  // A customer on a test clock subscribes at the clock's time.
  const subscription = atCustomerTime(ctx, customer, () => subscribe(ctx, customer, items, params));
  return expand(ctx.state, subscription, params.expand);
}

function subscribe(
  ctx: EmulatorContext,
  customer: Stripe.Customer,
  items: Array<{ price: Stripe.Price; quantity: number }>,
  params: CreateParams,
): Stripe.Subscription {
  const subscription = newSubscription(ctx, {
    customer: customer.id,
    defaultPaymentMethod: params.default_payment_method ?? null,
    items,
    settings: { metadata: params.metadata ?? {}, description: params.description ?? null },
  });
  const before = snapshot(subscription);
  const period = currentPeriod(subscription);
  const invoice = newSubscriptionInvoice(ctx, subscription, 'subscription_create', period, {
    start: period.start,
    end: period.start,
  });
  if (params.payment_behavior === 'default_incomplete') return subscription;
  const paid = attemptInvoicePayment(ctx, invoice, billingPaymentMethod(ctx, subscription), false);
  if (paid) {
    subscription.status = 'active';
    emitSubscriptionUpdated(ctx, subscription, before);
  } else if (params.payment_behavior === 'error_if_incomplete') {
    throw new StripeApiError(402, {
      type: 'card_error',
      code: 'card_declined',
      message: 'Your card was declined.',
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
    });
  }
  return subscription;
}
