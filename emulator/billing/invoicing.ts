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
import { finalizeInvoice, newInvoice, type Period } from './invoice-object';

/**
 * `linePeriod` is the service period being paid for; `invoicePeriod` is what Stripe puts in the
 * invoice's own period_start/period_end (the period just ended, for a renewal). Finalized at once.
 */
export function newSubscriptionInvoice(
  ctx: EmulatorContext,
  subscription: Stripe.Subscription,
  reason: 'subscription_create' | 'subscription_cycle',
  linePeriod: Period,
  invoicePeriod: Period,
): Stripe.Invoice {
  const id = newId('in', 24);
  const invoice = newInvoice(ctx, {
    id,
    customer: subscription.customer as string,
    currency: subscription.currency,
    reason,
    lines: subscription.items.data.map((item) => lineFor(ctx, id, subscription, item, linePeriod)),
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { metadata: subscription.metadata, subscription: subscription.id },
    },
    period: invoicePeriod,
  });
  subscription.latest_invoice = id;
  finalizeInvoice(ctx, invoice);
  return invoice;
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

// A catalogue product names itself; an inline one's name lives on the Checkout line item the
// subscription was bought with.
function productName(
  ctx: EmulatorContext,
  subscription: Stripe.Subscription,
  item: Stripe.SubscriptionItem,
): string {
  const product = ctx.state.products.get(item.price.product as string);
  if (product) return product.name;
  for (const record of ctx.state.sessions.values()) {
    if (record.session.subscription !== subscription.id) continue;
    const line = record.lineItems.find((candidate) => candidate.price?.id === item.price.id);
    if (line?.description) return line.description;
  }
  return 'Subscription';
}

/**
 * The card an invoice is charged to: its subscription's (or a one-off invoice's own) default
 * payment method, else the customer's invoice_settings.default_payment_method.
 */
export function billingPaymentMethod(
  ctx: EmulatorContext,
  owner: Pick<Stripe.Subscription | Stripe.Invoice, 'default_payment_method' | 'customer'>,
): string | null {
  if (typeof owner.default_payment_method === 'string') return owner.default_payment_method;
  const customer = ctx.state.customers.get(owner.customer as string);
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
          : invoice.billing_reason === 'subscription_cycle'
            ? 'Subscription update'
            : 'Payment for Invoice',
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
