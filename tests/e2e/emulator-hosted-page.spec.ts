import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '@/emulator';

// The emulator alone: a tiny local server stands in for the store's success and cancel pages and
// for its webhook endpoint.
let emulator: RunningEmulator;
let store: Server;
let storeUrl: string;
let stripe: Stripe;
const webhookTypes: string[] = [];

test.beforeAll(async () => {
  store = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST') {
        webhookTypes.push(
          (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string }).type,
        );
        res.writeHead(200).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<h1>Store page ${req.url}</h1>`);
    });
  });
  await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
  storeUrl = `http://127.0.0.1:${(store.address() as AddressInfo).port}`;
  emulator = await startEmulator({
    port: 0,
    webhookUrl: `${storeUrl}/webhooks`,
    retryScheduleMs: [50, 100],
  });
  stripe = new Stripe('sk_test_e2e', { host: '127.0.0.1', port: emulator.port, protocol: 'http' });
});

test.afterAll(async () => {
  await emulator.stop();
  await new Promise((resolve) => store.close(resolve));
});

async function openCheckout(page: Page): Promise<Stripe.Checkout.Session> {
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [
      {
        quantity: 2,
        price_data: { currency: 'usd', unit_amount: 1250, product_data: { name: 'Enamel mug' } },
      },
    ],
    success_url: `${storeUrl}/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${storeUrl}/cart`,
    customer_email: 'ada@example.com',
  });
  await page.goto(String(session.url));
  await expect(page.getByText('Enamel mug')).toBeVisible();
  await expect(page.getByText('$25.00').first()).toBeVisible();
  return session;
}

async function fillCard(page: Page, number: string): Promise<void> {
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiration').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
}

test('pays with 4242 4242 4242 4242 and lands on success_url with the session id', async ({
  page,
}) => {
  const session = await openCheckout(page);
  await fillCard(page, '4242 4242 4242 4242');
  await expect(page).toHaveURL(`${storeUrl}/success?session_id=${session.id}`);
  expect(webhookTypes).toContain('checkout.session.completed');
  expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('paid');
});

test('is declined with 4000 0000 0000 0002, then pays on retry', async ({ page }) => {
  const session = await openCheckout(page);
  await fillCard(page, '4000 0000 0000 0002');
  await expect(page.getByRole('alert')).toHaveText('Your card was declined.');
  await fillCard(page, '4242 4242 4242 4242');
  await expect(page).toHaveURL(`${storeUrl}/success?session_id=${session.id}`);
});

test('completes a 3D Secure challenge', async ({ page }) => {
  const session = await openCheckout(page);
  await fillCard(page, '4000 0027 6000 3184');
  await page.getByRole('button', { name: 'Complete' }).click();
  await expect(page).toHaveURL(`${storeUrl}/success?session_id=${session.id}`);
});

test('fails a 3D Secure challenge and stays on the payment page', async ({ page }) => {
  const session = await openCheckout(page);
  await fillCard(page, '4000 0027 6000 3184');
  await page.getByRole('button', { name: 'Fail' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'We are unable to authenticate your payment method.',
  );
  expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
});

test('links back to cancel_url', async ({ page }) => {
  await openCheckout(page);
  await page.getByRole('link', { name: /Back to the store/ }).click();
  await expect(page).toHaveURL(`${storeUrl}/cart`);
});

test('pays with a saved card without typing a number', async ({ page }) => {
  const customer = await stripe.customers.create({ email: 'ada@example.com' });
  const params = {
    mode: 'payment' as const,
    customer: customer.id,
    saved_payment_method_options: { payment_method_save: 'enabled' as const },
    line_items: [
      {
        quantity: 1,
        price_data: { currency: 'usd', unit_amount: 1250, product_data: { name: 'Enamel mug' } },
      },
    ],
    success_url: `${storeUrl}/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${storeUrl}/cart`,
  };
  const first = await stripe.checkout.sessions.create(params);
  await page.goto(String(first.url));
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiration').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('Ada Lovelace');
  await page.getByLabel('Save card for future purchases').check();
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await expect(page).toHaveURL(`${storeUrl}/success?session_id=${first.id}`);

  const second = await stripe.checkout.sessions.create(params);
  await page.goto(String(second.url));
  await page.getByLabel(/Visa •••• 4242/).check();
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await expect(page).toHaveURL(`${storeUrl}/success?session_id=${second.id}`);
  const paid = await stripe.checkout.sessions.retrieve(second.id, { expand: ['payment_intent'] });
  const [saved] = (await stripe.paymentMethods.list({ customer: customer.id })).data;
  expect((paid.payment_intent as Stripe.PaymentIntent).payment_method).toBe(saved?.id);
});

test('saves a card in a setup-mode session without charging', async ({ page }) => {
  const customer = await stripe.customers.create({ email: 'ada@example.com' });
  const session = await stripe.checkout.sessions.create({
    mode: 'setup',
    currency: 'usd',
    customer: customer.id,
    success_url: `${storeUrl}/account/payment-methods?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${storeUrl}/account/payment-methods`,
  });
  await page.goto(String(session.url));
  await expect(page.getByText('You will not be charged now.')).toBeVisible();
  await page.getByLabel('Card number').fill('5555 5555 5555 4444');
  await page.getByLabel('Expiration').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Save card' }).click();
  await expect(page).toHaveURL(`${storeUrl}/account/payment-methods?session_id=${session.id}`);
  const [card] = (await stripe.paymentMethods.list({ customer: customer.id, type: 'card' })).data;
  expect(card?.card?.last4).toBe('4444');
  expect(webhookTypes).toContain('setup_intent.succeeded');
});
