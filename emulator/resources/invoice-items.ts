// Invoice items (docs.stripe.com/api/invoiceitems): an amount owed by a customer, pending until an
// invoice takes it (POST /v1/invoices with pending_invoice_items_behavior=include), or added to a
// draft invoice at once with `invoice`. Amounts come from `amount`, or a catalogue `price` times
// `quantity`.
import type Stripe from 'stripe';
import { atCustomerTime, testClockOf } from '../billing/customer-time';
import type { EmulatorContext } from '../context';
import { invalidRequest, resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import { boolean, integer, metadata, parseParams, string } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import { findLiveCustomer } from './customer-records';
import { findPrice } from './prices';

interface CreateParams {
  customer: string;
  amount?: number;
  currency?: string;
  price?: string;
  quantity?: number;
  description?: string;
  metadata?: Record<string, string>;
  invoice?: string;
  expand?: string[];
}

export function invoiceItemRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/invoiceitems$/, handle: (call) => create(ctx, call) },
    { method: 'GET', pattern: /^\/v1\/invoiceitems$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/invoiceitems\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        const item = ctx.state.invoiceItems.get(idAt(call));
        if (!item) throw resourceMissing('invoiceitem', idAt(call));
        return expand(ctx.state, item, paths);
      },
    },
  ];
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.InvoiceItem {
  const params = parseParams<CreateParams>(
    {
      customer: string(),
      amount: integer({ min: -99999999, max: 99999999 }),
      currency: string(),
      price: string(),
      quantity: integer({ min: 0 }),
      description: string({ maxLength: 5000 }),
      metadata: metadata(),
      invoice: string(),
      discountable: boolean(),
    },
    call.params,
    ['customer'],
  );
  const customer = findLiveCustomer(ctx, params.customer, 'customer');
  const quantity = params.quantity ?? 1;
  const price = params.price === undefined ? undefined : findPrice(ctx, params.price, 'price');
  if (price && params.amount !== undefined) {
    throw invalidRequest('You may only specify one of these parameters: amount, price.', 'amount');
  }
  if (!price && params.amount === undefined) {
    throw invalidRequest('Missing required param: amount.', 'amount', 'parameter_missing');
  }
  if (!price && params.currency === undefined) {
    throw invalidRequest('Missing required param: currency.', 'currency', 'parameter_missing');
  }
  const invoice = params.invoice === undefined ? undefined : ctx.state.invoices.get(params.invoice);
  if (params.invoice !== undefined && invoice?.status !== 'draft') {
    throw invalidRequest(
      invoice
        ? `Invoice ${invoice.id} is ${invoice.status}: items can be added to a draft only.`
        : `No such invoice: '${params.invoice}'`,
      'invoice',
      invoice ? undefined : 'resource_missing',
    );
  }
  const item = atCustomerTime(ctx, customer, (): Stripe.InvoiceItem => {
    const now = ctx.clock.now();
    return {
      id: newId('ii', 24),
      object: 'invoiceitem',
      amount: price ? (price.unit_amount ?? 0) * quantity : (params.amount ?? 0),
      currency: (price?.currency ?? params.currency ?? 'usd').toLowerCase(),
      customer: customer.id,
      customer_account: null,
      date: now,
      description: params.description ?? null,
      discountable: true,
      discounts: [],
      invoice: invoice?.id ?? null,
      livemode: false,
      metadata: params.metadata ?? {},
      parent: null,
      period: { start: now, end: now },
      pricing: price
        ? {
            type: 'price_details',
            price_details: { price: price.id, product: price.product as string },
            unit_amount_decimal: price.unit_amount_decimal,
          }
        : null,
      proration: false,
      quantity,
      quantity_decimal: String(quantity) as unknown as Stripe.InvoiceItem['quantity_decimal'],
      tax_rates: [],
      test_clock: testClockOf(ctx, customer)?.id ?? null,
    };
  });
  ctx.state.invoiceItems.set(item.id, item);
  if (invoice) addItemToInvoice(invoice, item);
  ctx.emit('invoiceitem.created', item, call.origin);
  return expand(ctx.state, item, params.expand);
}

/** The invoice line an invoice item becomes. */
export function lineForItem(invoiceId: string, item: Stripe.InvoiceItem): Stripe.InvoiceLineItem {
  return {
    id: newId('il', 24),
    object: 'line_item',
    amount: item.amount,
    currency: item.currency,
    description: item.description,
    discount_amounts: [],
    discountable: item.discountable,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: item.metadata ?? {},
    parent: {
      type: 'invoice_item_details',
      invoice_item_details: {
        invoice_item: item.id,
        proration: false,
        proration_details: { credited_items: null },
        subscription: null,
      },
      subscription_item_details: null,
    },
    period: item.period,
    pretax_credit_amounts: [],
    pricing: item.pricing,
    quantity: item.quantity,
    quantity_decimal: item.quantity_decimal,
    subscription: null,
    subtotal: item.amount,
    taxes: [],
  };
}

/** A draft invoice takes the item as a line; its totals follow. */
export function addItemToInvoice(invoice: Stripe.Invoice, item: Stripe.InvoiceItem): void {
  item.invoice = invoice.id;
  invoice.lines.data.push(lineForItem(invoice.id, item));
  const total = invoice.lines.data.reduce((sum, line) => sum + line.amount, 0);
  Object.assign(invoice, {
    amount_due: total,
    amount_remaining: total,
    subtotal: total,
    subtotal_excluding_tax: total,
    total,
    total_excluding_tax: total,
  });
}

interface ItemListParams extends ListParams {
  customer?: string;
  invoice?: string;
  pending?: boolean;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.InvoiceItem> {
  const params = parseParams<ItemListParams>(
    { ...listRules, customer: string(), invoice: string(), pending: boolean() },
    call.params,
  );
  const items = newestFirst(ctx.state.invoiceItems.values(), (item) => {
    if (params.customer !== undefined && item.customer !== params.customer) return false;
    if (params.invoice !== undefined && item.invoice !== params.invoice) return false;
    if (params.pending !== undefined && (item.invoice === null) !== params.pending) return false;
    return true;
  });
  return expand(ctx.state, paginate(items, params, call.path, 'invoiceitem'), params.expand);
}
