// Subscription invoices: drafted for a period, finalized at once, and paid by charging the
// subscription's (or else the customer's) default card. Since API 2025-03-31 an invoice names its
// subscription under `parent.subscription_details`, and the charge is reached through `payments`.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { newId } from '../ids';
import { formatAmount } from '../money';
import { authorise, decline } from '../payments/payment-flow';
import { offSessionDecline } from '../payments/test-cards';
import { newPaymentIntent } from '../resources/payment-intents';
import { cardNumberOf } from '../resources/payment-methods';
import { testClockOf } from './customer-time';

type Period = { start: number; end: number };

/**
 * `linePeriod` is the service period being paid for; `invoicePeriod` is what Stripe puts in the
 * invoice's own period_start/period_end (the period just ended, for a renewal).
 */
export function newSubscriptionInvoice(
  ctx: EmulatorContext,
  subscription: Stripe.Subscription,
  reason: 'subscription_create' | 'subscription_cycle',
  linePeriod: Period,
  invoicePeriod: Period,
): Stripe.Invoice {
  const now = ctx.clock.now();
  const id = newId('in', 24);
  const customerId = subscription.customer as string;
  const customer = ctx.state.customers.get(customerId);
  const live = customer && !customer.deleted ? customer : undefined;
  const lines = subscription.items.data.map((item) =>
    lineFor(ctx, id, subscription, item, linePeriod),
  );
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const invoice: Stripe.Invoice = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Shopfront',
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: {
      disabled_reason: null,
      enabled: false,
      liability: null,
      provider: null,
      status: null,
    },
    automatically_finalizes_at: null,
    billing_reason: reason,
    collection_method: 'charge_automatically',
    created: now,
    currency: subscription.currency,
    custom_fields: null,
    customer: customerId,
    customer_account: null,
    customer_address: live?.address ?? null,
    customer_email: live?.email ?? null,
    customer_name: live?.name ?? null,
    customer_phone: live?.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { metadata: subscription.metadata, subscription: subscription.id },
    },
    payment_settings: {
      default_mandate: null,
      payment_method_options: null,
      payment_method_types: null,
    },
    period_end: invoicePeriod.end,
    period_start: invoicePeriod.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: {
      finalized_at: null,
      marked_uncollectible_at: null,
      paid_at: null,
      voided_at: null,
    },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: testClockOf(ctx, customerId)?.id ?? null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
  ctx.state.invoices.set(id, invoice);
  subscription.latest_invoice = id;
  ctx.emit('invoice.created', invoice);
  finalize(ctx, invoice, live);
  return invoice;
}

function finalize(ctx: EmulatorContext, invoice: Stripe.Invoice, customer?: Stripe.Customer): void {
  invoice.status = 'open';
  invoice.effective_at = ctx.clock.now();
  invoice.status_transitions.finalized_at = ctx.clock.now();
  if (customer) {
    const sequence = customer.next_invoice_sequence ?? 1;
    invoice.number = `${customer.invoice_prefix ?? 'INV'}-${String(sequence).padStart(4, '0')}`;
    customer.next_invoice_sequence = sequence + 1;
  }
  invoice.hosted_invoice_url = null;
  ctx.emit('invoice.finalized', invoice);
}

function lineFor(
  ctx: EmulatorContext,
  invoiceId: string,
  subscription: Stripe.Subscription,
  item: Stripe.SubscriptionItem,
  period: Period,
): Stripe.InvoiceLineItem {
  const quantity = item.quantity ?? 1;
  const amount = (item.price.unit_amount ?? 0) * quantity;
  const cadence = `${formatAmount(item.price.unit_amount ?? 0, item.price.currency)} / ${item.plan.interval}`;
  return {
    id: newId('il', 24),
    object: 'line_item',
    amount,
    currency: item.price.currency,
    description: `${quantity} × ${productName(ctx, subscription, item)} (at ${cadence})`,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: {},
    parent: {
      type: 'subscription_item_details',
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration: false,
        proration_details: { credited_items: null },
        subscription: subscription.id,
        subscription_item: item.id,
      },
    },
    period,
    pretax_credit_amounts: [],
    pricing: {
      type: 'price_details',
      price_details: { price: item.price.id, product: item.price.product as string },
      unit_amount_decimal: item.price
        .unit_amount_decimal as unknown as Stripe.InvoiceLineItem.Pricing['unit_amount_decimal'],
    },
    quantity,
    quantity_decimal: String(quantity) as unknown as Stripe.InvoiceLineItem['quantity_decimal'],
    subscription: subscription.id,
    subtotal: amount,
    taxes: [],
  };
}

// The product's name lives on the Checkout line item the subscription was bought with.
function productName(
  ctx: EmulatorContext,
  subscription: Stripe.Subscription,
  item: Stripe.SubscriptionItem,
): string {
  for (const record of ctx.state.sessions.values()) {
    if (record.session.subscription !== subscription.id) continue;
    const line = record.lineItems.find((candidate) => candidate.price?.id === item.price.id);
    if (line?.description) return line.description;
  }
  return 'Subscription';
}

/** The card a subscription's invoices are charged to: its own default, else the customer's. */
export function billingPaymentMethod(
  ctx: EmulatorContext,
  subscription: Stripe.Subscription,
): string | null {
  if (typeof subscription.default_payment_method === 'string')
    return subscription.default_payment_method;
  const customer = ctx.state.customers.get(subscription.customer as string);
  if (!customer || customer.deleted) return null;
  const fallback = customer.invoice_settings.default_payment_method;
  return typeof fallback === 'string' ? fallback : null;
}

/**
 * One payment attempt. `customerPresent` is true only for the first invoice paid on the hosted
 * page; every other attempt is off-session, where card ...0341 declines.
 */
export function attemptInvoicePayment(
  ctx: EmulatorContext,
  invoice: Stripe.Invoice,
  paymentMethodId: string | null,
  customerPresent: boolean,
): boolean {
  invoice.attempted = true;
  invoice.attempt_count += 1;
  const paid = paymentMethodId !== null && charge(ctx, invoice, paymentMethodId, customerPresent);
  if (!paid) {
    // The emulator does not retry on its own (no Smart Retries): POST /v1/invoices/:id/pay does.
    invoice.next_payment_attempt = null;
    ctx.emit('invoice.payment_failed', invoice);
    return false;
  }
  const now = ctx.clock.now();
  invoice.status = 'paid';
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = now;
  ctx.emit('invoice.paid', invoice);
  ctx.emit('invoice.payment_succeeded', invoice);
  return true;
}

function charge(
  ctx: EmulatorContext,
  invoice: Stripe.Invoice,
  paymentMethodId: string,
  customerPresent: boolean,
): boolean {
  const intent = newPaymentIntent(ctx, {
    amount: invoice.amount_due,
    currency: invoice.currency,
    customer: invoice.customer as string,
    settings: {
      captureMethod: 'automatic',
      metadata: {},
      statementDescriptorSuffix: null,
      receiptEmail: null,
      description:
        invoice.billing_reason === 'subscription_create'
          ? 'Subscription creation'
          : 'Subscription update',
    },
  });
  intent.payment_method = paymentMethodId;
  ctx.emit('payment_intent.created', intent);
  const number = cardNumberOf(ctx, paymentMethodId);
  const saved = ctx.state.paymentMethods.get(paymentMethodId)?.card;
  const card = {
    number,
    expMonth: saved?.exp_month ?? 12,
    expYear: saved?.exp_year ?? 2034,
    name: '',
    email: invoice.customer_email ?? '',
  };
  const failure = customerPresent ? null : offSessionDecline(number);
  if (failure) {
    decline(ctx, intent, card, failure.code, failure.message, failure.declineCode);
    return false;
  }
  authorise(ctx, intent, card);
  return true;
}
