import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

/**
 * Stripe objects for tests, typed with the stripe package's own types so a shape change in the SDK
 * is a compile error here rather than a silently wrong fixture.
 */

export const TEST_WEBHOOK_SECRET = 'whsec_testsecretforshopfront0123456789';
export const TEST_SECRET_KEY = 'sk_test_shopfront0123456789';

export function uniqueId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/** A Checkout Session in payment mode for `orderId`, open unless overridden. */
export function checkoutSession(
  orderId: string,
  overrides: Partial<Stripe.Checkout.Session> = {},
): Stripe.Checkout.Session {
  const now = Math.floor(Date.now() / 1000);
  return {
    id: uniqueId('cs_test'),
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: 5000,
    amount_total: 5000,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: 'http://localhost:3000/cart',
    client_reference_id: orderId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now,
    currency: 'usd',
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: null,
    customer_account: null,
    customer_creation: 'if_required',
    customer_details: null,
    customer_email: null,
    discounts: [],
    expires_at: now + 1800,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: { order_id: orderId },
    mode: 'payment',
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: 'if_required',
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: 'http://localhost:3000/checkout/success?session_id={CHECKOUT_SESSION_ID}',
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted_page',
    url: 'https://checkout.stripe.com/c/pay/cs_test',
    wallet_options: null,
    ...overrides,
  };
}

/** The session as Stripe reports it once the customer has paid (or started an async payment). */
export function completedSession(
  session: Stripe.Checkout.Session,
  paymentStatus: Stripe.Checkout.Session.PaymentStatus = 'paid',
): Stripe.Checkout.Session {
  return {
    ...session,
    status: 'complete',
    payment_status: paymentStatus,
    url: null,
    payment_intent: uniqueId('pi'),
    customer_details: {
      address: null,
      business_name: null,
      email: 'ada@example.com',
      individual_name: null,
      name: 'Ada Lovelace',
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    },
  };
}

export function expiredSession(session: Stripe.Checkout.Session): Stripe.Checkout.Session {
  return { ...session, status: 'expired', url: null };
}

type CheckoutEventType =
  | 'checkout.session.completed'
  | 'checkout.session.expired'
  | 'checkout.session.async_payment_succeeded'
  | 'checkout.session.async_payment_failed';

function eventEnvelope() {
  return {
    id: uniqueId('evt'),
    object: 'event' as const,
    api_version: '2025-10-29.clover',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  };
}

/** A checkout.session.* event carrying a snapshot of `session`, as Stripe sends it. */
export function checkoutEvent(
  type: CheckoutEventType,
  session: Stripe.Checkout.Session,
): Stripe.Event {
  const data = { object: session };
  switch (type) {
    case 'checkout.session.completed':
      return { ...eventEnvelope(), type, data } satisfies Stripe.CheckoutSessionCompletedEvent;
    case 'checkout.session.expired':
      return { ...eventEnvelope(), type, data } satisfies Stripe.CheckoutSessionExpiredEvent;
    case 'checkout.session.async_payment_succeeded':
      return {
        ...eventEnvelope(),
        type,
        data,
      } satisfies Stripe.CheckoutSessionAsyncPaymentSucceededEvent;
    case 'checkout.session.async_payment_failed':
      return {
        ...eventEnvelope(),
        type,
        data,
      } satisfies Stripe.CheckoutSessionAsyncPaymentFailedEvent;
  }
}

/** An event type Shopfront does not handle. */
export function unhandledEvent(): Stripe.Event {
  return {
    ...eventEnvelope(),
    type: 'payment_intent.created',
    data: { object: { id: uniqueId('pi'), object: 'payment_intent' } as Stripe.PaymentIntent },
  };
}

const signer = new Stripe(TEST_SECRET_KEY);

/** A delivery as Stripe makes it: the JSON body signed with the endpoint's secret. */
export function signedDelivery(
  event: Stripe.Event,
  options: { secret?: string; timestamp?: number; body?: string } = {},
): Request {
  const payload = JSON.stringify(event);
  const signature = signer.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? TEST_WEBHOOK_SECRET,
    timestamp: options.timestamp,
  });
  return webhookRequest(options.body ?? payload, { 'Stripe-Signature': signature });
}

export function webhookRequest(body: string, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost:3000/api/webhooks/stripe', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
}
