import type { Outcome } from '@/lib/platform/action-state';
import { stripeIdOf } from '@/lib/platform/identifiers';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { env } from '@/lib/env';
import { stripe } from '@/lib/stripe';
import type { Customer } from './session';
import { ensureStripeCustomer } from './stripe-customer';

/** A card saved on the customer's Stripe Customer, in the words the account page shows. */
export interface SavedCard {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
}

/** What a card action did, as a sentence the page can show. */

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

export function cardLabel(card: Pick<SavedCard, 'brand' | 'last4'>): string {
  return `${card.brand} ending in ${card.last4}`;
}

async function storedStripeCustomerId(userId: string): Promise<string | null> {
  const [user] = await db()
    .select({ stripeCustomerId: users.stripeCustomerId })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return user?.stripeCustomerId ?? null;
}

/** The customer's saved cards, the default first. None before their first checkout or card. */
export async function listSavedCards(customer: Customer): Promise<SavedCard[]> {
  const customerId = await storedStripeCustomerId(customer.id);
  if (!customerId) return [];
  const [methods, stripeCustomer] = await Promise.all([
    stripe().customers.listPaymentMethods(customerId, { type: 'card', limit: 100 }),
    stripe().customers.retrieve(customerId),
  ]);
  const defaultId =
    'deleted' in stripeCustomer && stripeCustomer.deleted
      ? null
      : stripeIdOf(stripeCustomer.invoice_settings?.default_payment_method);
  return methods.data
    .filter((method) => method.card)
    .map((method) => ({
      id: method.id,
      brand: BRANDS[method.card!.brand] ?? method.card!.brand,
      last4: method.card!.last4,
      expMonth: method.card!.exp_month,
      expYear: method.card!.exp_year,
      isDefault: method.id === defaultId,
    }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
}

/** A setup-mode Checkout Session: Stripe's hosted page takes the card and saves it, charging nothing. */
export async function startAddingCard(customer: Customer): Promise<string> {
  const customerId = await ensureStripeCustomer(customer.id);
  const config = env();
  const session = await stripe().checkout.sessions.create({
    mode: 'setup',
    customer: customerId,
    currency: config.STORE_CURRENCY,
    success_url: `${config.APP_URL}/account/payment-methods?added={CHECKOUT_SESSION_ID}`,
    cancel_url: `${config.APP_URL}/account/payment-methods`,
  });
  return session.url!;
}

/** True when `sessionId` is this customer's completed setup session (the page's "card saved"). */
export async function isCardAdded(customer: Customer, sessionId: string): Promise<boolean> {
  const customerId = await storedStripeCustomerId(customer.id);
  if (!customerId || !/^cs_(test|live)_[A-Za-z0-9]+$/.test(sessionId)) return false;
  try {
    const session = await stripe().checkout.sessions.retrieve(sessionId);
    return (
      session.mode === 'setup' &&
      session.status === 'complete' &&
      stripeIdOf(session.customer) === customerId
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError) return false;
    throw error;
  }
}

/** The card Stripe charges by default (`invoice_settings.default_payment_method`). */
export async function makeDefaultCard(
  customer: Customer,
  paymentMethodId: string,
): Promise<Outcome> {
  const owned = await ownedCard(customer, paymentMethodId);
  if (!owned.ok) return owned;
  await stripe().customers.update(owned.customerId, {
    invoice_settings: { default_payment_method: paymentMethodId },
  });
  return { ok: true, message: `${cardLabel(owned.card)} is now your default card.` };
}

/** Detaching removes the card from the Customer for good; Stripe cannot charge it again. */
export async function deleteCard(customer: Customer, paymentMethodId: string): Promise<Outcome> {
  const owned = await ownedCard(customer, paymentMethodId);
  if (!owned.ok) return owned;
  await stripe().paymentMethods.detach(paymentMethodId);
  return { ok: true, message: `${cardLabel(owned.card)} was deleted.` };
}

/** Every card action checks the card is attached to this customer's own Stripe Customer first. */
async function ownedCard(
  customer: Customer,
  paymentMethodId: string,
): Promise<
  | { ok: true; customerId: string; card: Pick<SavedCard, 'brand' | 'last4'> }
  | { ok: false; message: string }
> {
  const notFound = { ok: false as const, message: 'That card is not saved on your account.' };
  const customerId = await storedStripeCustomerId(customer.id);
  if (!customerId || !/^pm_[A-Za-z0-9_]+$/.test(paymentMethodId)) return notFound;
  try {
    const method = await stripe().paymentMethods.retrieve(paymentMethodId);
    if (stripeIdOf(method.customer) !== customerId || !method.card) return notFound;
    return {
      ok: true,
      customerId,
      card: { brand: BRANDS[method.card.brand] ?? method.card.brand, last4: method.card.last4 },
    };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError) return notFound;
    throw error;
  }
}
