import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { emailOutbox, orders, users, verificationTokens } from '@/db/schema';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { createProducts } from '@/tests/support/catalogue-fixtures';

vi.mock('server-only', () => ({}));
const { ensureStripeCustomer } = await import('@/lib/customers/stripe-customer');
const { startCheckout } = await import('@/lib/checkout/start');
const { listCustomerOrders, findCustomerOrder } = await import('@/lib/customers/orders');
const { isOrderLinkKeyValid, orderLinkKey } = await import('@/lib/orders/guest-link');
const { issueSignInLink, isSignInLinkValid, redeemSignInLink, SIGN_IN_LINK } =
  await import('@/lib/auth/sign-in-link');
const { findOutboxMessage } = await import('@/lib/admin/outbox');
const cards = await import('@/lib/customers/payment-methods');

let emulator: RunningEmulator;
let sdk: Stripe;
const suffix = randomBytes(4).toString('hex');

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  process.env.STRIPE_API_BASE = emulator.url;
  process.env.STRIPE_SECRET_KEY = 'sk_test_customertests';
  process.env.STRIPE_WEBHOOK_SECRET = emulator.webhookSecret;
  process.env.APP_URL = 'http://127.0.0.1:3000';
  process.env.AUTH_SECRET = 'a test secret that is at least thirty-two characters';
  sdk = new Stripe('sk_test_customertests', {
    host: '127.0.0.1',
    port: emulator.port,
    protocol: 'http',
  });
});

afterAll(async () => {
  await emulator.stop();
  await db().$client.end();
});

async function newCustomer(name: string, role: 'customer' | 'admin' = 'customer') {
  const [user] = await db()
    .insert(users)
    .values({ email: `${name}-${suffix}@example.com`, role })
    .returning({ id: users.id, email: users.email });
  return { id: user!.id, email: user!.email! };
}

async function placeOrder(values: { email: string; userId?: string | null; status?: 'paid' }) {
  const [order] = await db()
    .insert(orders)
    .values({
      status: values.status ?? 'paid',
      email: values.email,
      userId: values.userId ?? null,
      currency: 'usd',
      amountSubtotal: 1500,
      amountTotal: 1500,
    })
    .returning({ id: orders.id, number: orders.number });
  return order!;
}

describe('the Stripe Customer of an account', () => {
  it('is created once, however many times and however concurrently it is asked for', async () => {
    const customer = await newCustomer('once');
    const ids = await Promise.all([1, 2, 3].map(() => ensureStripeCustomer(customer.id)));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^cus_/);
    expect(await ensureStripeCustomer(customer.id)).toBe(ids[0]);
    const [stored] = await db().select().from(users).where(eq(users.id, customer.id));
    expect(stored?.stripeCustomerId).toBe(ids[0]);
    const listed = await sdk.customers.list({ email: customer.email });
    expect(listed.data.map((c) => c.id)).toEqual([ids[0]]);
    expect(listed.data[0]?.metadata).toMatchObject({ user_id: customer.id });
  });

  it("is passed to a signed-in customer's Checkout Session, which offers to save the card", async () => {
    const customer = await newCustomer('checkout');
    const [product] = await createProducts([{ name: 'Notebook', unitAmount: 1500, stock: null }]);
    const result = await startCheckout({
      cart: { lines: [{ productId: product!.id, quantity: 1 }] },
      customer,
    });
    if (result.kind !== 'redirect') throw new Error(result.message);
    const session = await sdk.checkout.sessions.retrieve(result.sessionId);
    const [stored] = await db().select().from(users).where(eq(users.id, customer.id));
    expect(session.customer).toBe(stored?.stripeCustomerId);
    expect(session.customer_email).toBeNull();
    expect(session.saved_payment_method_options?.payment_method_save).toBe('enabled');
    const [order] = await db().select().from(orders).where(eq(orders.id, result.orderId));
    expect(order).toMatchObject({ userId: customer.id, email: customer.email });
  });
});

describe("a customer's orders", () => {
  it('are those placed signed in, and guest orders with their address, never anyone else’s', async () => {
    const ada = await newCustomer('ada');
    const bob = await newCustomer('bob');
    const signedIn = await placeOrder({ email: ada.email, userId: ada.id });
    const asGuest = await placeOrder({ email: ada.email.toUpperCase() });
    const bobs = await placeOrder({ email: bob.email, userId: bob.id });
    // Bob's account placed this with Ada's address: it is still Bob's.
    const bobsWithAdasEmail = await placeOrder({ email: ada.email, userId: bob.id });

    const listed = (await listCustomerOrders(ada)).map((order) => order.id);
    expect(listed.sort()).toEqual([signedIn.id, asGuest.id].sort());
    expect(await findCustomerOrder(signedIn.id, { customer: ada })).toMatchObject({
      number: signedIn.number,
    });
    expect(await findCustomerOrder(bobs.id, { customer: ada })).toBeNull();
    expect(await findCustomerOrder(bobsWithAdasEmail.id, { customer: ada })).toBeNull();
    expect(await findCustomerOrder(randomUUID(), { customer: ada })).toBeNull();
    expect(await findCustomerOrder(String(bobs.number), { customer: ada })).toBeNull();
    expect(await findCustomerOrder("' OR 1=1 --", { customer: ada })).toBeNull();
  });

  it('open for a guest only with the link signed for that very order', async () => {
    const order = await placeOrder({ email: `guest-${suffix}@example.com` });
    const other = await placeOrder({ email: `guest2-${suffix}@example.com` });
    const key = orderLinkKey(order.id);
    expect(isOrderLinkKeyValid(order.id, key)).toBe(true);
    expect(isOrderLinkKeyValid(other.id, key)).toBe(false);
    expect(isOrderLinkKeyValid(order.id, key.slice(0, -1))).toBe(false);
    expect(
      isOrderLinkKeyValid(order.id, `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`),
    ).toBe(false);
    expect(isOrderLinkKeyValid(order.id, '')).toBe(false);
  });
});

describe('the sign-in email', () => {
  it('lands in the outbox with a link on APP_URL, which the admin mail view hides', async () => {
    const email = `link-${suffix}@example.com`;
    const outboxId = await issueSignInLink(email, '/products/x');
    const [mail] = await db()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.recipient, email), eq(emailOutbox.kind, SIGN_IN_LINK)));
    expect(mail?.id).toBe(outboxId);
    const link = new URL(mail!.body.match(/https?:\/\/\S+/)![0]);
    expect(link.origin).toBe('http://127.0.0.1:3000');
    expect(link.pathname).toBe('/account/sign-in/confirm');
    expect(link.searchParams.get('email')).toBe(email);
    expect(link.searchParams.get('next')).toBe('/products/x');
    expect(mail?.status).toBe('queued');
    const shown = await findOutboxMessage(mail!.id);
    expect(shown?.body).not.toContain(link.searchParams.get('token'));
    expect(shown?.body).toContain('[sign-in link hidden]');
  });

  it('is never sent to an admin: admins sign in with their password', async () => {
    const admin = await newCustomer('admin', 'admin');
    expect(await issueSignInLink(admin.email, null)).toBeNull();
    const mail = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.recipient, admin.email));
    expect(mail).toEqual([]);
  });
});

describe('an emailed link', () => {
  async function linkFor(email: string) {
    await issueSignInLink(email, null);
    const [mail] = await db()
      .select({ body: emailOutbox.body })
      .from(emailOutbox)
      .where(eq(emailOutbox.recipient, email))
      .orderBy(desc(emailOutbox.id))
      .limit(1);
    return new URL(mail!.body.match(/https?:\/\/\S+/)![0]).searchParams.get('token')!;
  }

  it('opens its account once, however many redemptions race, and creates it the first time', async () => {
    const email = `new-${suffix}@example.com`;
    const token = await linkFor(email);
    expect(await isSignInLinkValid(email, token)).toBe(true);
    const results = await Promise.all([1, 2, 3, 4].map(() => redeemSignInLink(email, token)));
    const opened = results.filter((account) => account !== null);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ email, role: 'customer' });
    const [user] = await db().select().from(users).where(eq(users.email, email));
    expect(user?.emailVerified).toBeInstanceOf(Date);
    expect(await isSignInLinkValid(email, token)).toBe(false);
  });

  it('opens nothing with another address, a wrong token, or after it expired', async () => {
    const email = `other-${suffix}@example.com`;
    const token = await linkFor(email);
    expect(await redeemSignInLink(`someone-${suffix}@example.com`, token)).toBeNull();
    expect(await redeemSignInLink(email, `${token}x`)).toBeNull();
    await db()
      .update(verificationTokens)
      .set({ expires: new Date(Date.now() - 1000) })
      .where(eq(verificationTokens.identifier, email));
    expect(await isSignInLinkValid(email, token)).toBe(false);
    expect(await redeemSignInLink(email, token)).toBeNull();
  });

  it('never opens an admin account, even with a token in the table', async () => {
    const admin = await newCustomer('link-admin', 'admin');
    await db()
      .insert(verificationTokens)
      .values({
        identifier: admin.email,
        token: createHash('sha256').update('planted').digest('hex'),
        expires: new Date(Date.now() + 60_000),
      });
    expect(await redeemSignInLink(admin.email, 'planted')).toBeNull();
  });
});

describe('saved cards', () => {
  it('are listed, made default and deleted, only on the customer’s own Stripe Customer', async () => {
    const ada = await newCustomer('cards');
    const eve = await newCustomer('eve');
    const adaCustomer = await ensureStripeCustomer(ada.id);
    const eveCustomer = await ensureStripeCustomer(eve.id);
    const visa = await sdk.paymentMethods.attach('pm_card_visa', { customer: adaCustomer });
    const mastercard = await sdk.paymentMethods.attach('pm_card_mastercard', {
      customer: adaCustomer,
    });
    const evesCard = await sdk.paymentMethods.attach('pm_card_visa', { customer: eveCustomer });

    const listed = await cards.listSavedCards(ada);
    expect(listed.map((card) => card.id).sort()).toEqual([visa.id, mastercard.id].sort());
    expect(listed.find((card) => card.id === visa.id)).toMatchObject({
      brand: 'Visa',
      last4: '4242',
      isDefault: false,
    });

    expect(await cards.makeDefaultCard(ada, mastercard.id)).toMatchObject({ ok: true });
    const customer = (await sdk.customers.retrieve(adaCustomer)) as Stripe.Customer;
    expect(customer.invoice_settings.default_payment_method).toBe(mastercard.id);
    expect((await cards.listSavedCards(ada))[0]).toMatchObject({
      id: mastercard.id,
      isDefault: true,
    });

    expect(await cards.deleteCard(ada, visa.id)).toMatchObject({ ok: true });
    expect((await sdk.paymentMethods.retrieve(visa.id)).customer).toBeNull();
    expect((await cards.listSavedCards(ada)).map((card) => card.id)).toEqual([mastercard.id]);

    // Someone else's card, or an id that is no card at all: refused, and nothing changes.
    expect(await cards.deleteCard(ada, evesCard.id)).toMatchObject({ ok: false });
    expect(await cards.makeDefaultCard(ada, evesCard.id)).toMatchObject({ ok: false });
    expect(await cards.deleteCard(ada, 'pm_doesnotexist')).toMatchObject({ ok: false });
    expect((await sdk.paymentMethods.retrieve(evesCard.id)).customer).toBe(eveCustomer);
  });

  it('are added through a setup-mode Checkout Session on the customer', async () => {
    const ada = await newCustomer('setup');
    const url = await cards.startAddingCard(ada);
    const sessionId = url.match(/cs_test_[A-Za-z0-9]+/)?.[0];
    const session = await sdk.checkout.sessions.retrieve(sessionId!);
    expect(session).toMatchObject({ mode: 'setup', customer: await ensureStripeCustomer(ada.id) });
    expect(session.success_url).toBe(
      'http://127.0.0.1:3000/account/payment-methods?added={CHECKOUT_SESSION_ID}',
    );
    expect(await cards.isCardAdded(ada, session.id)).toBe(false);
  });
});
