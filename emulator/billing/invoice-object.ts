// The Invoice object and its first two steps, for every kind of invoice: drafted (invoice.created)
// and finalized (invoice.finalized: `open`, numbered from the customer's invoice prefix). What an
// invoice is for (a subscription's period, pending invoice items) is decided by its callers.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { newId } from '../ids';
import { testClockOf } from './customer-time';

export type Period = { start: number; end: number };

export interface NewInvoice {
  id?: string;
  customer: string;
  currency: string;
  reason: Stripe.Invoice.BillingReason;
  lines: Stripe.InvoiceLineItem[];
  parent: Stripe.Invoice.Parent | null;
  period: Period;
  collectionMethod?: Stripe.Invoice.CollectionMethod;
  description?: string | null;
  metadata?: Stripe.Metadata;
  defaultPaymentMethod?: string | null;
  autoAdvance?: boolean;
}

/** A draft invoice (invoice.created); `lines` may name `id`, pass it as `spec.id`. */
export function newInvoice(ctx: EmulatorContext, spec: NewInvoice): Stripe.Invoice {
  const now = ctx.clock.now();
  const id = spec.id ?? newId('in', 24);
  const customer = ctx.state.customers.get(spec.customer);
  const live = customer && !customer.deleted ? customer : undefined;
  const total = spec.lines.reduce((sum, line) => sum + line.amount, 0);
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
    auto_advance: spec.autoAdvance ?? true,
    automatic_tax: {
      disabled_reason: null,
      enabled: false,
      liability: null,
      provider: null,
      status: null,
    },
    automatically_finalizes_at: null,
    billing_reason: spec.reason,
    collection_method: spec.collectionMethod ?? 'charge_automatically',
    created: now,
    currency: spec.currency,
    custom_fields: null,
    customer: spec.customer,
    customer_account: null,
    customer_address: live?.address ?? null,
    customer_email: live?.email ?? null,
    customer_name: live?.name ?? null,
    customer_phone: live?.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: spec.defaultPaymentMethod ?? null,
    default_source: null,
    default_tax_rates: [],
    description: spec.description ?? null,
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
    lines: { object: 'list', data: spec.lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: spec.metadata ?? {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: spec.parent,
    payment_settings: {
      default_mandate: null,
      payment_method_options: null,
      payment_method_types: null,
    },
    period_end: spec.period.end,
    period_start: spec.period.start,
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
    test_clock: testClockOf(ctx, spec.customer)?.id ?? null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
  ctx.state.invoices.set(id, invoice);
  ctx.emit('invoice.created', invoice);
  return invoice;
}

/**
 * Draft to open: numbered from the customer's prefix and sequence, and given its hosted page and
 * PDF, which Stripe creates at finalization (invoice.finalized; served by hosted/invoice-page.ts).
 */
export function finalizeInvoice(ctx: EmulatorContext, invoice: Stripe.Invoice): void {
  const customer = ctx.state.customers.get(invoice.customer as string);
  invoice.status = 'open';
  invoice.hosted_invoice_url = `${ctx.baseUrl}/i/${invoice.id}`;
  invoice.invoice_pdf = `${ctx.baseUrl}/i/${invoice.id}/pdf`;
  invoice.effective_at = ctx.clock.now();
  invoice.status_transitions.finalized_at = ctx.clock.now();
  if (customer && !customer.deleted) {
    const sequence = customer.next_invoice_sequence ?? 1;
    invoice.number = `${customer.invoice_prefix ?? 'INV'}-${String(sequence).padStart(4, '0')}`;
    customer.next_invoice_sequence = sequence + 1;
  }
  ctx.emit('invoice.finalized', invoice);
}
