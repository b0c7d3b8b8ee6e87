// Which Customer a completing Checkout Session belongs to: the one it was created with, or one
// Checkout creates from what the customer typed. Stripe creates one when `customer_creation` is
// `always`, always in subscription mode (a Subscription needs a Customer), and for a post-payment
// invoice (an Invoice needs one too: docs.stripe.com/payments/checkout/post-payment-invoices).
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import type { SessionRecord } from '../state';
import type { CardUsed } from './charges';
import { newCustomer } from './customers';

export function customerForSession(
  ctx: EmulatorContext,
  record: SessionRecord,
  card: CardUsed,
): Stripe.Customer | null {
  const { session } = record;
  if (typeof session.customer === 'string') {
    const existing = ctx.state.customers.get(session.customer);
    return existing && !existing.deleted ? existing : null;
  }
  const required = session.mode === 'subscription' || session.invoice_creation?.enabled === true;
  if (!required && session.customer_creation !== 'always') return null;
  const customer = newCustomer(ctx, {
    email: card.email || session.customer_email,
    name: card.name || null,
  });
  session.customer = customer.id;
  return customer;
}
