// Invoices over the API: retrieve, list (by customer, subscription, status), and pay an open one
// (`POST /v1/invoices/:id/pay`, off-session, with the subscription's or customer's default card),
// which is how a past_due subscription recovers in the emulator.
import type Stripe from 'stripe';
import { atCustomerTime } from '../billing/customer-time';
import { finalizeInvoice } from '../billing/invoice-object';
import { attemptInvoicePayment, billingPaymentMethod } from '../billing/invoicing';
import { emitSubscriptionUpdated } from '../billing/subscription-lifecycle';
import { snapshot } from '../previous-attributes';
import type { EmulatorContext } from '../context';
import { invalidRequest, resourceMissing, StripeApiError } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import { boolean, parseParams, range, string, type RangeFilter } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { findPaymentMethod } from './payment-methods';

export function invoiceRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'GET', pattern: /^\/v1\/invoices$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/invoices\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findInvoice(ctx, idAt(call)), paths);
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/invoices\/([^/]+)\/lines$/,
      handle: (call) => {
        const params = parseParams<ListParams & { expand?: string[] }>(listRules, call.params);
        const invoice = findInvoice(ctx, idAt(call));
        return expand(
          ctx.state,
          paginate(invoice.lines.data, params, call.path, 'line_item'),
          params.expand,
        );
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/invoices\/([^/]+)\/pay$/,
      // A test clock's invoice is paid at the clock's frozen_time.
      handle: (call) =>
        atCustomerTime(ctx, ctx.state.invoices.get(idAt(call))?.customer, () => pay(ctx, call)),
    },
  ];
}

export function findInvoice(ctx: EmulatorContext, id: string): Stripe.Invoice {
  const invoice = ctx.state.invoices.get(id);
  if (!invoice) throw resourceMissing('invoice', id);
  return invoice;
}

function subscriptionOf(
  ctx: EmulatorContext,
  invoice: Stripe.Invoice,
): Stripe.Subscription | undefined {
  const id = invoice.parent?.subscription_details?.subscription;
  return typeof id === 'string' ? ctx.state.subscriptions.get(id) : undefined;
}

function pay(ctx: EmulatorContext, call: ApiCall): Stripe.Invoice {
  const params = parseParams<{ payment_method?: string; expand?: string[] }>(
    { payment_method: string(), off_session: boolean() },
    call.params,
  );
  const invoice = findInvoice(ctx, idAt(call));
  // "Stripe automatically finalizes drafts before sending and attempting payment" (/api/invoices/finalize).
  if (invoice.status === 'draft') finalizeInvoice(ctx, invoice);
  if (invoice.status !== 'open') {
    throw invalidRequest(`Invoice is already ${invoice.status}`, undefined, 'invoice_not_editable');
  }
  const subscription = subscriptionOf(ctx, invoice);
  const methodId =
    params.payment_method !== undefined
      ? findPaymentMethod(ctx, params.payment_method, 'payment_method').id
      : billingPaymentMethod(ctx, subscription ?? invoice);
  const paid = attemptInvoicePayment(ctx, invoice, methodId, false);
  // Paying the latest invoice of a past_due subscription makes it active again.
  if (paid && subscription?.status === 'past_due' && subscription.latest_invoice === invoice.id) {
    const before = snapshot(subscription);
    subscription.status = 'active';
    emitSubscriptionUpdated(ctx, subscription, before, call.origin);
  }
  if (!paid) {
    throw new StripeApiError(402, {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
    });
  }
  return expand(ctx.state, invoice, params.expand);
}

interface InvoiceListParams extends ListParams {
  customer?: string;
  subscription?: string;
  status?: string;
  created?: number | RangeFilter;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.Invoice> {
  const params = parseParams<InvoiceListParams>(
    {
      ...listRules,
      customer: string(),
      subscription: string(),
      status: string({ oneOf: ['draft', 'open', 'paid', 'uncollectible', 'void'] }),
      created: range(),
    },
    call.params,
  );
  const invoices = newestFirst(ctx.state.invoices.values(), (invoice) => {
    if (params.customer !== undefined && invoice.customer !== params.customer) return false;
    if (
      params.subscription !== undefined &&
      invoice.parent?.subscription_details?.subscription !== params.subscription
    )
      return false;
    if (params.status !== undefined && invoice.status !== params.status) return false;
    return inRange(invoice.created, params.created);
  });
  return expand(ctx.state, paginate(invoices, params, call.path, 'invoice'), params.expand);
}
