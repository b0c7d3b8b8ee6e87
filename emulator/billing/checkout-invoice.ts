// The post-payment invoice of a payment-mode Checkout Session with `invoice_creation[enabled]`
// (docs.stripe.com/payments/checkout/post-payment-invoices): made for the session's customer once
// the payment succeeds, with its line items, discount, shipping and tax, and already paid. Its
// hosted page and PDF are served by the emulator (hosted/invoice-page.ts). Events: invoice.created,
// invoice.finalized, invoice.paid, invoice.payment_succeeded, all before checkout.session.completed
// so that the completed session names the invoice (UNCONFIRMED: Stripe's exact order; its guide
// only promises invoice.paid "as soon as the payment tied to the Checkout Session succeeds").
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { newId } from '../ids';
import type { SessionRecord } from '../state';
import { finalizeInvoice, newInvoice } from './invoice-object';

type InvoiceTax = Stripe.Invoice.TotalTax;

export function newCheckoutInvoice(
  ctx: EmulatorContext,
  record: SessionRecord,
  customerId: string,
): Stripe.Invoice {
  const { session } = record;
  const data = session.invoice_creation?.invoice_data;
  const id = newId('in', 24);
  const now = ctx.clock.now();
  const lines = record.lineItems.map((item) => invoiceLine(id, item, now));
  const invoice = newInvoice(ctx, {
    id,
    customer: customerId,
    currency: session.currency ?? 'usd',
    // UNCONFIRMED: the billing_reason of a Checkout post-payment invoice.
    reason: 'manual',
    lines,
    parent: null,
    period: { start: now, end: now },
    description: data?.description ?? null,
    metadata: data?.metadata ?? {},
    autoAdvance: false,
  });
  const totals = session.total_details;
  const shipping = session.shipping_cost;
  const taxes = record.lineItems.flatMap((item) => (item.taxes ?? []).map(invoiceTax));
  const shippingTaxes = (shipping?.taxes ?? []).map(invoiceTax);
  const exclusiveTax = [...taxes, ...shippingTaxes]
    .filter((tax) => tax.tax_behavior === 'exclusive')
    .reduce((sum, tax) => sum + tax.amount, 0);
  const total = session.amount_total ?? 0;
  const choices = record.checkout?.choices;
  Object.assign(invoice, {
    amount_due: total,
    amount_remaining: total,
    amount_shipping: totals?.amount_shipping ?? 0,
    automatic_tax: {
      ...invoice.automatic_tax,
      enabled: session.automatic_tax.enabled,
      status: session.automatic_tax.enabled ? 'complete' : null,
    },
    custom_fields: data?.custom_fields ?? null,
    customer_address: session.customer_details?.address ?? invoice.customer_address,
    customer_email: session.customer_details?.email ?? invoice.customer_email,
    customer_name: session.customer_details?.name ?? invoice.customer_name,
    customer_shipping: choices?.shippingAddress
      ? { address: choices.shippingAddress, name: choices.shippingName ?? '', phone: null }
      : null,
    customer_tax_ids: (choices?.taxIds ?? []).map((taxId) => ({
      type: taxId.type as Stripe.Invoice.CustomerTaxId.Type,
      value: taxId.value,
    })),
    discounts: (record.checkout?.breakdown.discounts ?? []).map((entry) => entry.discount.id),
    footer: data?.footer ?? null,
    rendering: data?.rendering_options
      ? {
          amount_tax_display: data.rendering_options.amount_tax_display,
          pdf: null,
          template: data.rendering_options.template,
          template_version: null,
        }
      : null,
    shipping_cost: shipping ? { ...shipping } : null,
    shipping_details: choices?.shippingAddress
      ? { address: choices.shippingAddress, name: choices.shippingName ?? '', phone: null }
      : null,
    subtotal: session.amount_subtotal ?? 0,
    subtotal_excluding_tax: (session.amount_subtotal ?? 0) - inclusiveTax(taxes),
    total,
    total_discount_amounts: (record.checkout?.breakdown.discounts ?? []).map((entry) => ({
      amount: entry.amount,
      discount: entry.discount.id,
    })),
    total_excluding_tax: total - exclusiveTax - inclusiveTax([...taxes, ...shippingTaxes]),
    total_taxes: [...taxes, ...shippingTaxes],
  } satisfies Partial<Stripe.Invoice>);
  finalizeInvoice(ctx, invoice);
  invoice.status = 'paid';
  invoice.attempted = true;
  invoice.amount_paid = total;
  invoice.amount_remaining = 0;
  invoice.status_transitions.paid_at = now;
  ctx.emit('invoice.paid', invoice);
  ctx.emit('invoice.payment_succeeded', invoice);
  return invoice;
}

function inclusiveTax(taxes: InvoiceTax[]): number {
  return taxes
    .filter((tax) => tax.tax_behavior === 'inclusive')
    .reduce((sum, tax) => sum + tax.amount, 0);
}

function invoiceTax(tax: Stripe.LineItem.Tax): InvoiceTax {
  return {
    amount: tax.amount,
    tax_behavior: tax.rate.inclusive ? 'inclusive' : 'exclusive',
    tax_rate_details: { tax_rate: tax.rate.id },
    taxability_reason: tax.taxability_reason ?? 'standard_rated',
    taxable_amount: tax.taxable_amount,
    type: 'tax_rate_details',
  };
}

function invoiceLine(
  invoiceId: string,
  item: Stripe.LineItem,
  now: number,
): Stripe.InvoiceLineItem {
  const price = item.price;
  return {
    id: newId('il', 24),
    object: 'line_item',
    amount: item.amount_subtotal,
    currency: item.currency,
    description: item.description,
    discount_amounts: (item.discounts ?? []).map((entry) => ({
      amount: entry.amount,
      discount: entry.discount.id,
    })),
    discountable: true,
    discounts: (item.discounts ?? []).map((entry) => entry.discount.id),
    invoice: invoiceId,
    livemode: false,
    metadata: item.metadata ?? {},
    parent: null,
    period: { start: now, end: now },
    pretax_credit_amounts: [],
    pricing: price
      ? {
          type: 'price_details',
          price_details: { price: price.id, product: price.product as string },
          unit_amount_decimal: price.unit_amount_decimal,
        }
      : null,
    quantity: item.quantity,
    quantity_decimal: String(
      item.quantity ?? 1,
    ) as unknown as Stripe.InvoiceLineItem['quantity_decimal'],
    subscription: null,
    subtotal: item.amount_subtotal,
    taxes: (item.taxes ?? []).map(invoiceTax),
  };
}
