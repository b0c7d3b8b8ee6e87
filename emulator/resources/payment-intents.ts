import type Stripe from 'stripe';
import { recordCharge } from '../balance/ledger';
import type { EmulatorContext, RequestOrigin } from '../context';
import { invalidRequest, resourceMissing, unexpectedState } from '../http/errors';
import { expand } from '../http/expansion';
import { integer, metadata, parseParams, string } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import type { PaymentIntentSettings, SessionRecord } from '../state';

const CANCELABLE: Stripe.PaymentIntent.Status[] = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];

export function paymentIntentRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/v1\/payment_intents\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>(
          { client_secret: string() },
          call.params,
        );
        return expand(ctx.state, findPaymentIntent(ctx, idAt(call)), paths);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/payment_intents\/([^/]+)\/capture$/,
      handle: (call) => capture(ctx, call),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/payment_intents\/([^/]+)\/cancel$/,
      handle: (call) => cancel(ctx, call),
    },
  ];
}

export function findPaymentIntent(ctx: EmulatorContext, id: string): Stripe.PaymentIntent {
  const intent = ctx.state.paymentIntents.get(id);
  if (!intent) throw resourceMissing('payment_intent', id);
  return intent;
}

export interface NewPaymentIntent {
  amount: number;
  currency: string;
  customer: string | null;
  settings: PaymentIntentSettings;
}

/** Checkout creates the PaymentIntent when the customer first confirms, from payment_intent_data. */
export function paymentIntentForSession(record: SessionRecord): NewPaymentIntent {
  const { session } = record;
  return {
    amount: session.amount_total ?? 0,
    currency: session.currency ?? 'usd',
    customer: typeof session.customer === 'string' ? session.customer : null,
    settings: record.paymentIntentSettings,
  };
}

export function newPaymentIntent(
  ctx: EmulatorContext,
  spec: NewPaymentIntent,
): Stripe.PaymentIntent {
  const { settings } = spec;
  const id = newId('pi', 24);
  const intent: Stripe.PaymentIntent = {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: spec.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: settings.captureMethod,
    client_secret: `${id}_secret_${newId('s', 24).slice(2)}`,
    confirmation_method: 'automatic',
    created: ctx.clock.now(),
    currency: spec.currency,
    customer: spec.customer,
    customer_account: null,
    description: settings.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: settings.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: {
        installments: null,
        mandate_options: null,
        network: null,
        request_three_d_secure: 'automatic',
      },
    },
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: settings.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: settings.shipping ?? null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: settings.statementDescriptorSuffix,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
  ctx.state.paymentIntents.set(id, intent);
  return intent;
}

function capture(ctx: EmulatorContext, call: ApiCall): Stripe.PaymentIntent {
  const params = parseParams<{
    amount_to_capture?: number;
    metadata?: Record<string, string>;
    expand?: string[];
  }>(
    {
      amount_to_capture: integer({ min: 1 }),
      metadata: metadata(),
      statement_descriptor_suffix: string({ maxLength: 22 }),
    },
    call.params,
  );
  const intent = findPaymentIntent(ctx, idAt(call));
  if (intent.status !== 'requires_capture') {
    throw unexpectedState(
      `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be acted upon: requires_capture.`,
    );
  }
  const amount = params.amount_to_capture ?? intent.amount_capturable;
  if (amount > intent.amount_capturable) {
    throw invalidRequest(
      `The amount_to_capture (${amount}) must be less than or equal to the amount_capturable (${intent.amount_capturable}).`,
      'amount_to_capture',
      'amount_too_large',
    );
  }
  const charge =
    typeof intent.latest_charge === 'string'
      ? ctx.state.charges.get(intent.latest_charge)
      : undefined;
  if (charge) {
    charge.captured = true;
    charge.amount_captured = amount;
    recordCharge(ctx, charge);
    ctx.emit('charge.captured', charge, call.origin);
  }
  // A partial capture releases the rest of the authorisation.
  intent.amount_received = amount;
  intent.amount_capturable = 0;
  intent.status = 'succeeded';
  if (params.metadata) intent.metadata = { ...intent.metadata, ...params.metadata };
  ctx.emit('payment_intent.succeeded', intent, call.origin);
  return expand(ctx.state, intent, params.expand);
}

function cancel(ctx: EmulatorContext, call: ApiCall): Stripe.PaymentIntent {
  const params = parseParams<{
    cancellation_reason?: Stripe.PaymentIntent.CancellationReason;
    expand?: string[];
  }>(
    {
      cancellation_reason: string({
        oneOf: ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'],
      }),
    },
    call.params,
  );
  const intent = findPaymentIntent(ctx, idAt(call));
  cancelPaymentIntent(ctx, intent, params.cancellation_reason ?? null, call.origin);
  return expand(ctx.state, intent, params.expand);
}

export function cancelPaymentIntent(
  ctx: EmulatorContext,
  intent: Stripe.PaymentIntent,
  reason: Stripe.PaymentIntent.CancellationReason | null,
  origin?: RequestOrigin,
): void {
  if (!CANCELABLE.includes(intent.status)) {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
    );
  }
  intent.status = 'canceled';
  intent.cancellation_reason = reason;
  intent.canceled_at = ctx.clock.now();
  intent.amount_capturable = 0;
  intent.next_action = null;
  ctx.emit('payment_intent.canceled', intent, origin);
}
