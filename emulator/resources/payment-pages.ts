// The API behind Checkout's own hosted page: GET /v1/payment_pages/:session and
// POST /v1/payment_pages/:session/confirm { payment_method, expected_amount }. Stripe does not
// document it; its CLI's checkout fixtures (`stripe trigger checkout.session.completed` ...) pay a
// session this way, as the page would. Confirming does what pressing "Pay" on the emulator's page
// does, with a PaymentMethod made beforehand (POST /v1/payment_methods): a card, or a SEPA Direct
// Debit account in payment mode (a delayed payment, see payments/debit-flow.ts). UNCONFIRMED: the
// page object's shape; the emulator answers with the Checkout Session itself.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { invalidRequest, StripeApiError } from '../http/errors';
import { expand } from '../http/expansion';
import { integer, parseParams, string } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { confirmDebit } from '../payments/debit-flow';
import { confirmCard, type PayResult } from '../payments/payment-flow';
import { confirmSetup } from '../payments/setup-flow';
import { confirmSubscription } from '../payments/subscription-flow';
import type { SessionRecord } from '../state';
import type { CardUsed } from './charges';
import { findSession } from './checkout-sessions';
import { cardNumberOf, findPaymentMethod } from './payment-methods';

export function paymentPageRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/v1\/payment_pages\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findSession(ctx, idAt(call)).session, paths);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/payment_pages\/([^/]+)\/confirm$/,
      handle: (call) => confirm(ctx, call),
    },
  ];
}

function confirm(ctx: EmulatorContext, call: ApiCall): Stripe.Checkout.Session {
  const params = parseParams<{
    payment_method: string;
    expected_amount?: number;
    expand?: string[];
  }>({ payment_method: string(), expected_amount: integer({ min: 0 }) }, call.params, [
    'payment_method',
  ]);
  const record = findSession(ctx, idAt(call));
  const { session } = record;
  if (session.status !== 'open') {
    throw invalidRequest(`This Checkout Session is ${session.status} and can no longer be paid.`);
  }
  // The page confirms the amount the customer saw, so a session changed meanwhile is refused.
  if (
    params.expected_amount !== undefined &&
    params.expected_amount !== (session.amount_total ?? 0)
  ) {
    throw invalidRequest(
      `The expected_amount (${params.expected_amount}) does not match the amount due for this Checkout Session (${session.amount_total ?? 0}).`,
      'expected_amount',
    );
  }
  const method = findPaymentMethod(ctx, params.payment_method, 'payment_method');
  if (!session.payment_method_types.includes(method.type)) {
    throw invalidRequest(
      `The PaymentMethod's type (${method.type}) is not one of this Checkout Session's payment_method_types (${session.payment_method_types.join(', ')}).`,
      'payment_method',
    );
  }
  if (method.type === 'sepa_debit' && session.mode !== 'payment') {
    throw invalidRequest(
      'The emulator takes SEPA Direct Debit in payment mode only.',
      'payment_method',
    );
  }
  const result =
    method.type === 'sepa_debit'
      ? confirmDebit(ctx, record, method)
      : confirmWithCard(ctx, record, method);
  if (result.kind === 'declined') {
    throw new StripeApiError(402, {
      type: 'card_error',
      code: 'card_declined',
      message: result.message,
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
    });
  }
  return expand(ctx.state, session, params.expand);
}

function confirmWithCard(
  ctx: EmulatorContext,
  record: SessionRecord,
  method: Stripe.PaymentMethod,
): PayResult {
  const card: CardUsed = {
    number: cardNumberOf(ctx, method.id),
    expMonth: method.card?.exp_month ?? 12,
    expYear: method.card?.exp_year ?? 2034,
    name: method.billing_details.name ?? '',
    email: method.billing_details.email ?? '',
  };
  const choice = { card, savedPaymentMethod: method, save: false };
  if (record.session.mode === 'setup') return confirmSetup(ctx, record, card);
  if (record.session.mode === 'subscription') return confirmSubscription(ctx, record, choice);
  return confirmCard(ctx, record, choice);
}
