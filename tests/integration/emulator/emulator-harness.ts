// Shared set-up for the emulator's integration tests: a running emulator, an SDK client pointed
// at it, a webhook receiver that records what it gets, and a customer paying on the hosted page.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { RunningEmulator } from '@/emulator';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Status codes to answer with, in order; 200 once they run out. */
  answers: number[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function clientFor(emulator: RunningEmulator, options: Stripe.StripeConfig = {}): Stripe {
  return new Stripe('sk_test_emulator', {
    host: '127.0.0.1',
    port: emulator.port,
    protocol: 'http',
    ...options,
  });
}

export function sessionParams(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    line_items: [
      {
        quantity: 2,
        price_data: { currency: 'usd', unit_amount: 1250, product_data: { name: 'Enamel mug' } },
      },
      {
        quantity: 1,
        price_data: { currency: 'usd', unit_amount: 3000, product_data: { name: 'Teapot' } },
      },
    ],
    client_reference_id: 'order_42',
    metadata: { order_id: '42' },
    payment_intent_data: { metadata: { order_id: '42' }, statement_descriptor_suffix: 'ORDER 42' },
    customer_email: 'ada@example.com',
    success_url: 'http://127.0.0.1:9/success?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://127.0.0.1:9/cart',
    ...overrides,
  };
}

export interface PayAttempt {
  status: number;
  location: string | null;
  html: string;
}

/** The hosted page's form fields (emulator/README.md, "The hosted payment page"). */
export type HostedPageField =
  | 'email'
  | 'cardnumber'
  | 'expiry'
  | 'cvc'
  | 'name'
  | 'save_card'
  | 'payment_method'
  | 'shipping_name'
  | 'shipping_line1'
  | 'shipping_line2'
  | 'shipping_city'
  | 'shipping_state'
  | 'shipping_postal_code'
  | 'shipping_country'
  | 'shipping_rate'
  | 'promotion_code'
  | 'tax_id_type'
  | 'tax_id_value'
  | 'billing_country'
  | 'billing_postal_code'
  | 'billing_state';

export type HostedPageFields = Partial<Record<HostedPageField, string>>;

/** A shipping address the emulator's page accepts, for the fields above. */
export const LONDON: HostedPageFields = {
  shipping_name: 'Ada Lovelace',
  shipping_line1: '12 St James Square',
  shipping_city: 'London',
  shipping_postal_code: 'SW1Y 4JH',
  shipping_country: 'GB',
};

/** Fills in and posts the hosted page's card form, as a customer's browser would. */
export async function payOnHostedPage(
  session: Stripe.Checkout.Session,
  cardNumber: string,
  fields: Omit<HostedPageFields, 'cardnumber'> = {},
): Promise<PayAttempt> {
  const form = new URLSearchParams({
    email: 'ada@example.com',
    cardnumber: cardNumber,
    expiry: '12 / 34',
    cvc: '123',
    name: 'Ada Lovelace',
    ...fields,
  });
  return post(String(session.url), form);
}

/** Presses "Apply" / "Update totals": posts the fields with action=update, which never pays. */
export async function updateHostedPage(
  session: Stripe.Checkout.Session,
  fields: HostedPageFields,
): Promise<PayAttempt> {
  return post(
    String(session.url),
    new URLSearchParams({ email: 'ada@example.com', ...fields, action: 'update' }),
  );
}

/** Chooses one of the customer's saved cards on the hosted page and pays with it. */
export async function payWithSavedCard(
  session: Stripe.Checkout.Session,
  paymentMethodId: string,
): Promise<PayAttempt> {
  return post(
    String(session.url),
    new URLSearchParams({ email: 'ada@example.com', payment_method: paymentMethodId }),
  );
}

export async function hostedPage(session: Stripe.Checkout.Session): Promise<string> {
  return (await fetch(String(session.url))).text();
}

/**
 * Advances a test clock by `seconds` and waits until it is ready again, as a Stripe integration
 * polls: its customers' subscriptions have then renewed, failed or ended.
 */
export async function advanceTestClock(
  stripe: Stripe,
  clock: Stripe.TestHelpers.TestClock,
  seconds: number,
): Promise<Stripe.TestHelpers.TestClock> {
  const advancing = await stripe.testHelpers.testClocks.advance(clock.id, {
    frozen_time: clock.frozen_time + seconds,
  });
  for (let i = 0; i < 200; i++) {
    const current = await stripe.testHelpers.testClocks.retrieve(advancing.id);
    if (current.status === 'ready') return current;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`test clock ${clock.id} never became ready`);
}

/** A customer on a new test clock frozen at the current time. */
export async function customerOnTestClock(
  stripe: Stripe,
  params: Stripe.CustomerCreateParams = {},
): Promise<{ customer: Stripe.Customer; clock: Stripe.TestHelpers.TestClock }> {
  const clock = await stripe.testHelpers.testClocks.create({
    frozen_time: Math.floor(Date.now() / 1000),
  });
  const customer = await stripe.customers.create({ ...params, test_clock: clock.id });
  return { customer, clock };
}

export async function answerChallenge(
  session: Stripe.Checkout.Session,
  action: 'complete' | 'fail',
): Promise<PayAttempt> {
  return post(`${String(session.url)}/3ds`, new URLSearchParams({ action }));
}

async function post(url: string, form: URLSearchParams): Promise<PayAttempt> {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    html: await response.text(),
  };
}

export async function control<T = unknown>(
  emulator: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${emulator.url}/_emulator${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as T;
}

export async function eventually<T>(read: () => T | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

export async function caught(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    return error as Stripe.errors.StripeError;
  }
  throw new Error('expected the request to fail');
}
