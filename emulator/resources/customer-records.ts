import type Stripe from 'stripe';
import type { EmulatorContext, RequestOrigin } from '../context';
import { resourceMissing } from '../http/errors';
import { previousAttributes, snapshot } from '../previous-attributes';

// What every resource that touches a customer needs (finding it, saying it changed), apart from the
// customers API itself, so payment methods can use it without importing that API.

export function findLiveCustomer(ctx: EmulatorContext, id: string, param = 'id'): Stripe.Customer {
  const customer = ctx.state.customers.get(id);
  if (!customer || customer.deleted) throw resourceMissing('customer', id, param);
  return customer;
}

export function emitUpdated(
  ctx: EmulatorContext,
  customer: Stripe.Customer,
  before: Record<string, unknown>,
  origin?: RequestOrigin,
): void {
  const previous = previousAttributes(before, customer);
  if (Object.keys(previous).length > 0) ctx.emit('customer.updated', customer, origin, previous);
}

/** Detaching a customer's default card leaves the customer without a default. */
export function clearDefaultPaymentMethod(
  ctx: EmulatorContext,
  customerId: string,
  paymentMethodId: string,
  origin?: RequestOrigin,
): void {
  const customer = ctx.state.customers.get(customerId);
  if (!customer || customer.deleted) return;
  if (customer.invoice_settings.default_payment_method !== paymentMethodId) return;
  const before = snapshot(customer);
  customer.invoice_settings.default_payment_method = null;
  emitUpdated(ctx, customer, before, origin);
}
