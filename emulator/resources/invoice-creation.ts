// One-off invoices over the API (docs.stripe.com/api/invoices/create): a draft for a customer
// that takes their pending invoice items when `pending_invoice_items_behavior=include` (the default
// is `exclude`), finalized with POST /v1/invoices/:id/finalize or by paying it ("Stripe
// automatically finalizes drafts before sending and attempting payment": /api/invoices/finalize).
// Unlike Stripe, a draft is never finalized by itself an hour later.
import type Stripe from 'stripe';
import { atCustomerTime } from '../billing/customer-time';
import { finalizeInvoice, newInvoice } from '../billing/invoice-object';
import type { EmulatorContext } from '../context';
import { invalidRequest } from '../http/errors';
import { expand } from '../http/expansion';
import { boolean, integer, metadata, parseParams, string } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import { findLiveCustomer } from './customer-records';
import { lineForItem } from './invoice-items';
import { findInvoice } from './invoices';

interface CreateParams {
  customer: string;
  currency?: string;
  description?: string;
  metadata?: Record<string, string>;
  collection_method?: Stripe.Invoice.CollectionMethod;
  auto_advance?: boolean;
  default_payment_method?: string;
  pending_invoice_items_behavior?: 'include' | 'exclude';
  expand?: string[];
}

export function invoiceCreationRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/invoices$/, handle: (call) => create(ctx, call) },
    {
      method: 'POST',
      pattern: /^\/v1\/invoices\/([^/]+)\/finalize$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>(
          { auto_advance: boolean() },
          call.params,
        );
        const invoice = findInvoice(ctx, idAt(call));
        if (invoice.status !== 'draft') {
          throw invalidRequest(
            `This invoice is already finalized, you can't re-finalize a non-draft invoice.`,
            undefined,
            'invoice_not_editable',
          );
        }
        atCustomerTime(ctx, invoice.customer, () => finalizeInvoice(ctx, invoice));
        return expand(ctx.state, invoice, paths);
      },
    },
  ];
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.Invoice {
  const params = parseParams<CreateParams>(
    {
      customer: string(),
      currency: string(),
      description: string({ maxLength: 1500 }),
      metadata: metadata(),
      collection_method: string({ oneOf: ['charge_automatically', 'send_invoice'] }),
      days_until_due: integer({ min: 0 }),
      auto_advance: boolean(),
      default_payment_method: string(),
      pending_invoice_items_behavior: string({ oneOf: ['include', 'exclude'] }),
    },
    call.params,
    ['customer'],
  );
  const customer = findLiveCustomer(ctx, params.customer, 'customer');
  const pending =
    params.pending_invoice_items_behavior === 'include'
      ? [...ctx.state.invoiceItems.values()].filter(
          (item) => item.customer === customer.id && item.invoice === null,
        )
      : [];
  const invoice = atCustomerTime(ctx, customer, () => {
    const id = newId('in', 24);
    const now = ctx.clock.now();
    return newInvoice(ctx, {
      id,
      customer: customer.id,
      currency: (pending[0]?.currency ?? params.currency ?? 'usd').toLowerCase(),
      reason: 'manual',
      lines: pending.map((item) => lineForItem(id, item)),
      parent: null,
      period: { start: now, end: now },
      collectionMethod: params.collection_method,
      description: params.description,
      metadata: params.metadata,
      defaultPaymentMethod: params.default_payment_method,
      autoAdvance: params.auto_advance ?? false,
    });
  });
  for (const item of pending) item.invoice = invoice.id;
  return expand(ctx.state, invoice, params.expand);
}
