// POST /v1/payment_intents with Stripe's test PaymentMethods (`pm_card_visa`,
// `pm_card_chargeDeclined`...). Shopfront pays through Checkout; this path exists so that a decline
// reaches the SDK as Stripe sends it over the API: a 402 card_error, i.e. a StripeCardError.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { invalidRequest, StripeApiError } from '../http/errors';
import { expand } from '../http/expansion';
import { array, boolean, integer, metadata, parseParams, string } from '../http/params';
import type { ApiCall, Route } from '../http/routes';
import { authorise, decline } from '../payments/payment-flow';
import { offSessionDecline, outcomeOf, TEST_PAYMENT_METHODS } from '../payments/test-cards';
import type { CardUsed } from './charges';
import { newPaymentIntent } from './payment-intents';
import { cardNumberOf } from './payment-methods';
import { shippingOf, shippingRule, type ShippingParams } from './shipping';

interface CreateParams {
  amount: number;
  currency: string;
  payment_method?: string;
  confirm?: boolean;
  capture_method?: 'automatic' | 'automatic_async' | 'manual';
  metadata?: Record<string, string>;
  description?: string;
  receipt_email?: string;
  statement_descriptor_suffix?: string;
  customer?: string;
  shipping?: ShippingParams;
  confirmation_method?: Stripe.PaymentIntent.ConfirmationMethod;
  expand?: string[];
}

export function paymentIntentCreationRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/payment_intents$/, handle: (call) => create(ctx, call) },
  ];
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.PaymentIntent {
  const params = parseParams<CreateParams>(
    {
      amount: integer({ min: 1, max: 99999999 }),
      currency: string(),
      payment_method: string(),
      confirm: boolean(),
      capture_method: string({ oneOf: ['automatic', 'automatic_async', 'manual'] }),
      metadata: metadata(),
      description: string({ maxLength: 1000 }),
      receipt_email: string(),
      statement_descriptor_suffix: string({ maxLength: 22 }),
      customer: string(),
      payment_method_types: array(string({ oneOf: ['card'] })),
      shipping: shippingRule,
      // Accepted as Stripe accepts them; confirmation happens in this request either way.
      confirmation_method: string({ oneOf: ['automatic', 'manual'] }),
      return_url: string({ maxLength: 5000 }),
      off_session: boolean(),
    },
    call.params,
    ['amount', 'currency'],
  );
  const cardNumber = params.payment_method === undefined ? undefined : cardOf(ctx, params);
  const intent = newPaymentIntent(ctx, {
    amount: params.amount,
    currency: params.currency.toLowerCase(),
    customer: params.customer ?? null,
    settings: {
      captureMethod: params.capture_method ?? 'automatic',
      metadata: params.metadata ?? {},
      statementDescriptorSuffix: params.statement_descriptor_suffix ?? null,
      receiptEmail: params.receipt_email ?? null,
      description: params.description ?? null,
      shipping: shippingOf(params.shipping),
    },
  });
  intent.payment_method = params.payment_method ?? null;
  intent.confirmation_method = params.confirmation_method ?? 'automatic';
  if (cardNumber) intent.status = 'requires_confirmation';
  ctx.emit('payment_intent.created', intent, call.origin);
  if (!params.confirm || !cardNumber) return expand(ctx.state, intent, params.expand);

  const card: CardUsed = { number: cardNumber, expMonth: 12, expYear: 2034, name: '', email: '' };
  // Over the API nobody is on hand to answer 3D Secure, and card ...0341 fails any charge.
  const outcome = offSessionDecline(cardNumber) ?? outcomeOf(cardNumber);
  if (outcome.kind === 'decline') {
    decline(ctx, intent, card, outcome.code, outcome.message, outcome.declineCode);
    throw new StripeApiError(402, {
      type: 'card_error',
      code: outcome.code,
      ...(outcome.declineCode ? { decline_code: outcome.declineCode } : {}),
      message: outcome.message,
      doc_url: `https://stripe.com/docs/error-codes/${outcome.code.replace(/_/g, '-')}`,
      payment_intent: intent,
    });
  }
  authorise(ctx, intent, card);
  return expand(ctx.state, intent, params.expand);
}

// Stripe's test ids (`pm_card_visa`...) or a saved PaymentMethod, which must belong to `customer`.
function cardOf(ctx: EmulatorContext, params: CreateParams): string {
  const id = params.payment_method ?? '';
  const testCard = TEST_PAYMENT_METHODS[id];
  if (testCard !== undefined) return testCard;
  const method = ctx.state.paymentMethods.get(id);
  if (!method) {
    throw invalidRequest(`No such PaymentMethod: '${id}'`, 'payment_method', 'resource_missing');
  }
  if (method.customer !== null && method.customer !== (params.customer ?? null)) {
    throw invalidRequest(
      `The provided PaymentMethod belongs to a customer other than the one given. Provide the customer it is attached to.`,
      'payment_method',
    );
  }
  return cardNumberOf(ctx, id);
}
