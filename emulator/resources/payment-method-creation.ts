// POST /v1/payment_methods (docs.stripe.com/api/payment_methods/create): a card from one of
// Stripe's test tokens (`card[token]=tok_visa`...), or a SEPA Direct Debit account from an IBAN.
// Card numbers sent in the clear are refused, as Stripe refuses them unless an account is allowed
// to send raw card data; Checkout and the hosted page make card PaymentMethods themselves.
import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { invalidRequest } from '../http/errors';
import { expand } from '../http/expansion';
import { metadata, object, parseParams, string } from '../http/params';
import type { ApiCall, Route } from '../http/routes';
import { newId } from '../ids';
import { isValidIban, normaliseIban } from '../payments/test-bank-accounts';
import { cardOfTestToken } from '../payments/test-cards';
import { newCardPaymentMethod } from './payment-methods';
import { addressRule, fullAddress } from './shipping';

interface CreateParams {
  type: 'card' | 'sepa_debit';
  card?: { token?: string; number?: string };
  sepa_debit?: { iban: string };
  billing_details?: {
    address?: Partial<Stripe.Address>;
    email?: string;
    name?: string;
    phone?: string;
  };
  metadata?: Record<string, string>;
  expand?: string[];
}

export function paymentMethodCreationRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/payment_methods$/, handle: (call) => create(ctx, call) },
  ];
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.PaymentMethod {
  const params = parseParams<CreateParams>(
    {
      type: string({ oneOf: ['card', 'sepa_debit'] }),
      card: object({
        token: string(),
        number: string(),
        exp_month: string(),
        exp_year: string(),
        cvc: string(),
      }),
      sepa_debit: object({ iban: string({ maxLength: 34 }) }, ['iban']),
      billing_details: object({
        address: addressRule,
        email: string({ maxLength: 800 }),
        name: string({ maxLength: 5000 }),
        phone: string({ maxLength: 5000 }),
      }),
      metadata: metadata(),
    },
    call.params,
    ['type'],
  );
  const method =
    params.type === 'card' ? cardMethod(ctx, params) : sepaDebitMethod(ctx, params.sepa_debit);
  const billing = params.billing_details ?? {};
  method.billing_details = {
    address: billing.address ? fullAddress(billing.address) : null,
    email: billing.email ?? null,
    name: billing.name ?? null,
    phone: billing.phone ?? null,
    tax_id: null,
  };
  method.metadata = params.metadata ?? {};
  return expand(ctx.state, method, params.expand);
}

function cardMethod(ctx: EmulatorContext, params: CreateParams): Stripe.PaymentMethod {
  if (params.card?.number !== undefined) {
    throw invalidRequest(
      'Sending credit card numbers directly to the Stripe API is generally unsafe. To continue processing use Stripe.js, the Stripe mobile bindings, or Stripe Elements. For testing, use a test token such as tok_visa.',
      'card[number]',
    );
  }
  const token = params.card?.token;
  if (token === undefined)
    throw invalidRequest('Missing required param: card.', 'card', 'parameter_missing');
  const number = cardOfTestToken(token);
  if (number === undefined)
    throw invalidRequest(`No such token: '${token}'`, 'card[token]', 'resource_missing');
  return newCardPaymentMethod(ctx, {
    number,
    expMonth: 12,
    expYear: new Date(ctx.clock.now() * 1000).getUTCFullYear() + 3,
    name: '',
    email: '',
  });
}

function sepaDebitMethod(
  ctx: EmulatorContext,
  data: CreateParams['sepa_debit'],
): Stripe.PaymentMethod {
  if (!data)
    throw invalidRequest('Missing required param: sepa_debit.', 'sepa_debit', 'parameter_missing');
  const iban = normaliseIban(data.iban);
  if (!isValidIban(iban))
    throw invalidRequest(
      'The IBAN you provided appears to be invalid.',
      'sepa_debit[iban]',
      'invalid_bank_account_iban',
    );
  const method: Stripe.PaymentMethod = {
    id: newId('pm', 24),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    created: ctx.clock.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    sepa_debit: {
      bank_code: iban.slice(4, 9),
      branch_code: null,
      country: iban.slice(0, 2),
      // Stripe's fingerprint is the same for every PaymentMethod made from one account.
      fingerprint: createHash('sha256').update(iban).digest('base64url').slice(0, 16),
      generated_from: null,
      last4: iban.slice(-4),
    },
    type: 'sepa_debit',
  };
  ctx.state.paymentMethods.set(method.id, method);
  ctx.state.paymentMethodIbans.set(method.id, iban);
  return method;
}
