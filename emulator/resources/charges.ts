import type Stripe from 'stripe';
import { recordCharge } from '../balance/ledger';
import type { EmulatorContext } from '../context';
import { resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { parseParams } from '../http/params';
import { idAt, type Route } from '../http/routes';
import { newId } from '../ids';
import { brandOf } from '../payments/test-cards';

export function chargeRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/v1\/charges\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findCharge(ctx, idAt(call)), paths);
      },
    },
  ];
}

export function findCharge(ctx: EmulatorContext, id: string, param = 'id'): Stripe.Charge {
  const charge = ctx.state.charges.get(id);
  if (!charge) throw resourceMissing('charge', id, param);
  return charge;
}

export interface CardUsed {
  number: string;
  expMonth: number;
  expYear: number;
  name: string;
  email: string;
}

export type ChargeResult =
  | { status: 'succeeded' }
  /** A bank debit submitted, its outcome days away (settled by time-passing.ts). */
  | { status: 'pending' }
  | { status: 'failed'; code: string; declineCode?: string; message: string };

export function newCharge(
  ctx: EmulatorContext,
  intent: Stripe.PaymentIntent,
  card: CardUsed,
  result: ChargeResult,
): Stripe.Charge {
  const succeeded = result.status === 'succeeded';
  const charge = chargeOf(ctx, intent, card, result, {
    type: 'card',
    card: {
      amount_authorized: succeeded ? intent.amount : null,
      authorization_code: succeeded ? '123456' : null,
      brand: brandOf(card.number),
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      electronic_commerce_indicator: null,
      exp_month: card.expMonth,
      exp_year: card.expYear,
      funding: 'credit',
      installments: null,
      last4: card.number.slice(-4),
      mandate: null,
      network: brandOf(card.number),
      network_transaction_id: null,
      regulated_status: 'unregulated',
      three_d_secure: null,
      transaction_link_id: null,
      wallet: null,
    },
  });
  ctx.state.chargeCards.set(charge.id, card.number);
  return charge;
}

/** A SEPA Direct Debit submitted from `method`: pending until the bank answers. */
export function newDebitCharge(
  ctx: EmulatorContext,
  intent: Stripe.PaymentIntent,
  method: Stripe.PaymentMethod,
): Stripe.Charge {
  const debit = method.sepa_debit;
  return chargeOf(
    ctx,
    intent,
    { email: method.billing_details.email ?? '', name: method.billing_details.name ?? '' },
    { status: 'pending' },
    {
      type: 'sepa_debit',
      sepa_debit: {
        bank_code: debit?.bank_code ?? null,
        branch_code: debit?.branch_code ?? null,
        country: debit?.country ?? null,
        fingerprint: debit?.fingerprint ?? null,
        last4: debit?.last4 ?? null,
        mandate: null,
      },
    },
  );
}

function chargeOf(
  ctx: EmulatorContext,
  intent: Stripe.PaymentIntent,
  payer: { email: string; name: string },
  result: ChargeResult,
  details: Stripe.Charge.PaymentMethodDetails,
): Stripe.Charge {
  const succeeded = result.status === 'succeeded';
  const failed = result.status === 'failed' ? result : null;
  const captured = result.status !== 'failed' && intent.capture_method !== 'manual';
  const charge: Stripe.Charge = {
    id: newId('ch', 24),
    object: 'charge',
    amount: intent.amount,
    amount_captured: captured ? intent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: {
      address: null,
      email: payer.email || null,
      name: payer.name || null,
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: intent.statement_descriptor_suffix
      ? `SHOPFRONT* ${intent.statement_descriptor_suffix}`
      : 'SHOPFRONT',
    captured,
    created: ctx.clock.now(),
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failed?.code ?? null,
    failure_message: failed?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: intent.metadata,
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: failed ? 'declined_by_network' : 'approved_by_network',
      reason: failed ? (failed.declineCode ?? failed.code) : null,
      risk_level: 'normal',
      seller_message: failed
        ? 'The bank did not return any further details with this decline.'
        : 'Payment complete.',
      type: failed ? 'issuer_declined' : 'authorized',
    },
    paid: succeeded,
    payment_intent: intent.id,
    payment_method: intent.payment_method as string | null,
    payment_method_details: details,
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: intent.shipping,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: intent.statement_descriptor_suffix,
    status: result.status,
    transfer_data: null,
    transfer_group: null,
  };
  ctx.state.charges.set(charge.id, charge);
  // An uncaptured authorisation moves no money: its balance transaction comes with the capture.
  if (succeeded) recordCharge(ctx, charge);
  return charge;
}
