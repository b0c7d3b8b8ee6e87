// SetupIntents over the API (docs.stripe.com/api/setup_intents): create (optionally confirming at
// once with `confirm=true`), confirm, cancel. Cards only, with Stripe's test PaymentMethods or
// stored ones; confirming checks the card as Checkout's setup mode does (payments/setup-flow.ts):
// a declining card answers 402 with the failed intent, a good one is attached to the customer.
import type Stripe from 'stripe';
import type { EmulatorContext, RequestOrigin } from '../context';
import { invalidRequest, StripeApiError, unexpectedState } from '../http/errors';
import { expand } from '../http/expansion';
import { array, boolean, metadata, object, parseParams, string } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { setUp } from '../payments/setup-flow';
import { findLiveCustomer } from './customer-records';
import { cardNumberOf, resolvePaymentMethod } from './payment-methods';
import { findSetupIntent, newSetupIntent } from './setup-intents';

interface CreateParams {
  customer?: string;
  payment_method?: string;
  confirm?: boolean;
  description?: string;
  metadata?: Record<string, string>;
  usage?: 'off_session' | 'on_session';
  expand?: string[];
}

export function setupIntentConfirmationRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/setup_intents$/, handle: (call) => create(ctx, call) },
    {
      method: 'POST',
      pattern: /^\/v1\/setup_intents\/([^/]+)\/confirm$/,
      handle: (call) => {
        const params = parseParams<{ payment_method?: string; expand?: string[] }>(
          { payment_method: string(), return_url: string({ maxLength: 5000 }) },
          call.params,
        );
        const intent = findSetupIntent(ctx, idAt(call));
        if (params.payment_method !== undefined)
          intent.payment_method = resolvePaymentMethod(
            ctx,
            params.payment_method,
            'payment_method',
          ).id;
        confirm(ctx, intent);
        return expand(ctx.state, intent, params.expand);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/setup_intents\/([^/]+)\/cancel$/,
      handle: (call) => {
        const params = parseParams<{
          cancellation_reason?: Stripe.SetupIntent.CancellationReason;
          expand?: string[];
        }>(
          {
            cancellation_reason: string({
              oneOf: ['abandoned', 'duplicate', 'requested_by_customer'],
            }),
          },
          call.params,
        );
        const intent = findSetupIntent(ctx, idAt(call));
        cancel(ctx, intent, params.cancellation_reason ?? null, call.origin);
        return expand(ctx.state, intent, params.expand);
      },
    },
  ];
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.SetupIntent {
  const params = parseParams<CreateParams>(
    {
      customer: string(),
      payment_method: string(),
      confirm: boolean(),
      description: string({ maxLength: 1000 }),
      metadata: metadata(),
      usage: string({ oneOf: ['off_session', 'on_session'] }),
      payment_method_types: array(string({ oneOf: ['card'] })),
      automatic_payment_methods: object({ enabled: boolean() }, ['enabled']),
      return_url: string({ maxLength: 5000 }),
    },
    call.params,
  );
  const customer =
    params.customer === undefined ? null : findLiveCustomer(ctx, params.customer, 'customer').id;
  const method =
    params.payment_method === undefined
      ? undefined
      : resolvePaymentMethod(ctx, params.payment_method, 'payment_method');
  const intent = newSetupIntent(
    ctx,
    customer,
    { metadata: params.metadata ?? {}, description: params.description ?? null },
    call.origin,
  );
  intent.usage = params.usage ?? 'off_session';
  if (method) {
    intent.payment_method = method.id;
    intent.status = 'requires_confirmation';
  }
  if (params.confirm) confirm(ctx, intent);
  return expand(ctx.state, intent, params.expand);
}

function confirm(ctx: EmulatorContext, intent: Stripe.SetupIntent): void {
  if (intent.status === 'succeeded' || intent.status === 'canceled') {
    throw unexpectedState(
      `You cannot confirm this SetupIntent because it has a status of ${intent.status}.`,
      'setup_intent_unexpected_state',
    );
  }
  const methodId = typeof intent.payment_method === 'string' ? intent.payment_method : null;
  const method = methodId ? ctx.state.paymentMethods.get(methodId) : undefined;
  if (!method) {
    throw invalidRequest(
      'You cannot confirm this SetupIntent because it\u2019s missing a payment method.',
      'payment_method',
      'setup_intent_unexpected_state',
    );
  }
  const failure = setUp(ctx, intent, method, cardNumberOf(ctx, method.id));
  if (failure) {
    throw new StripeApiError(402, {
      type: 'card_error',
      code: failure.code,
      ...(failure.declineCode ? { decline_code: failure.declineCode } : {}),
      message: failure.message,
      doc_url: `https://stripe.com/docs/error-codes/${failure.code.replace(/_/g, '-')}`,
    });
  }
}

function cancel(
  ctx: EmulatorContext,
  intent: Stripe.SetupIntent,
  reason: Stripe.SetupIntent.CancellationReason | null,
  origin: RequestOrigin,
): void {
  if (intent.status === 'succeeded' || intent.status === 'canceled') {
    throw unexpectedState(
      `You cannot cancel this SetupIntent because it has a status of ${intent.status}.`,
      'setup_intent_unexpected_state',
    );
  }
  intent.status = 'canceled';
  intent.cancellation_reason = reason;
  ctx.emit('setup_intent.canceled', intent, origin);
}
