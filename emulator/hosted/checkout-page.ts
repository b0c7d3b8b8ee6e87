// Serves the hosted page at the session's `url` and handles its form posts.
import type { ServerResponse } from 'node:http';
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { decodeForm } from '../http/form-decoding';
import { confirmCard, resolveChallenge, type PayResult } from '../payments/payment-flow';
import { DECLINE_MESSAGES, normaliseCardNumber, passesLuhn } from '../payments/test-cards';
import { confirmSetup } from '../payments/setup-flow';
import { confirmSubscription } from '../payments/subscription-flow';
import type { CardUsed } from '../resources/charges';
import { cardNumberOf, savedCards } from '../resources/payment-methods';
import type { SessionRecord } from '../state';
import {
  CHOICE_FIELDS,
  enteredFrom,
  extrasFor,
  paymentProblem,
  updateChoices,
} from './checkout-choices';
import { challengePage, noticePage, paymentPage, type CardOptions, type FormValues } from './page';

// Stripe holds the redirect up to 10 s for the checkout.session.completed delivery
// (docs.stripe.com/checkout/fulfillment), so a store's success page usually finds the order paid.
const COMPLETION_WAIT_MS = 10_000;

export async function handleCheckoutPage(
  ctx: EmulatorContext,
  method: string,
  path: string,
  body: string,
  res: ServerResponse,
): Promise<void> {
  const match = /^\/c\/pay\/([^/]+)(\/3ds)?$/.exec(path);
  const record = match ? ctx.state.sessions.get(decodeURIComponent(match[1] ?? '')) : undefined;
  if (!match || !record) {
    return html(
      res,
      404,
      noticePage(
        'Link not found',
        'This checkout link is not valid. Return to the store and start again.',
      ),
    );
  }
  const unavailable = unavailableNotice(record);
  if (unavailable) return html(res, 410, unavailable);
  const isChallenge = match[2] === '/3ds';
  if (method === 'GET') {
    if (isChallenge && record.pendingChallenge)
      return html(res, 200, challengePage(record.session));
    const values = {
      email: defaultEmail(ctx, record),
      name: '',
      error: null,
      entered: enteredFrom(ctx, record),
    };
    return html(res, 200, page(ctx, record, values));
  }
  if (method !== 'POST')
    return html(res, 405, noticePage('Not allowed', 'This page only accepts GET and POST.'));
  const form = decodeForm(body);
  const field = (name: string): string =>
    typeof form[name] === 'string' ? (form[name] as string).trim() : '';
  if (isChallenge) {
    if (!record.pendingChallenge) return redirect(res, `/c/pay/${record.session.id}`);
    const email = record.pendingChallenge.email;
    const name = record.pendingChallenge.name;
    const result = resolveChallenge(ctx, record, field('action') === 'complete');
    return finish(ctx, record, result, res, { email, name });
  }
  const entered = Object.fromEntries(CHOICE_FIELDS.map((name) => [name, field(name)]));
  const values = { email: field('email') || defaultEmail(ctx, record), name: field('name') };
  // Address, shipping method and code are kept and priced on every post; `action=update` ("Apply",
  // "Update totals") stops there, anything else goes on to pay.
  const codeError = updateChoices(ctx, record, entered, values.email);
  const shown = { ...values, entered, codeError };
  if (field('action') === 'update') {
    return html(res, codeError ? 400 : 200, page(ctx, record, { ...shown, error: null }));
  }
  const problem = codeError ?? paymentProblem(ctx, record);
  if (problem) return html(res, 400, page(ctx, record, { ...shown, error: problem }));
  const options = cardOptions(ctx, record);
  const chosen = field('payment_method');
  const saved = options.savedCards.find((method) => method.id === chosen) ?? null;
  const card = saved
    ? savedCard(ctx, saved, values)
    : readCard(field('cardnumber'), field('expiry'), field('cvc'), values, ctx.clock.accountNow());
  if (typeof card === 'string') return html(res, 400, page(ctx, record, { ...shown, error: card }));
  const choice = {
    card,
    savedPaymentMethod: saved,
    save: options.offerSave && field('save_card') === 'on',
  };
  const result =
    record.session.mode === 'setup'
      ? confirmSetup(ctx, record, card)
      : record.session.mode === 'subscription'
        ? confirmSubscription(ctx, record, choice)
        : confirmCard(ctx, record, choice);
  return finish(ctx, record, result, res, values);
}

function page(ctx: EmulatorContext, record: SessionRecord, values: FormValues): string {
  return paymentPage(
    record.session,
    record.lineItems,
    values,
    cardOptions(ctx, record),
    extrasFor(ctx, record),
  );
}

/** Saved cards are offered in payment and subscription mode; saving one only in payment mode. */
function cardOptions(ctx: EmulatorContext, record: SessionRecord): CardOptions {
  const { session } = record;
  const options = session.saved_payment_method_options;
  if (typeof session.customer !== 'string' || session.mode === 'setup' || !options) {
    return { savedCards: [], offerSave: false };
  }
  return {
    savedCards: savedCards(ctx, session.customer, options.allow_redisplay_filters ?? ['always']),
    offerSave: session.mode === 'payment' && options.payment_method_save === 'enabled',
  };
}

function defaultEmail(ctx: EmulatorContext, record: SessionRecord): string {
  const { session } = record;
  const customer =
    typeof session.customer === 'string' ? ctx.state.customers.get(session.customer) : undefined;
  const customerEmail = customer && !customer.deleted ? customer.email : null;
  return session.customer_email ?? customerEmail ?? '';
}

function savedCard(
  ctx: EmulatorContext,
  method: Stripe.PaymentMethod,
  values: { email: string; name: string },
): CardUsed {
  return {
    number: cardNumberOf(ctx, method.id),
    expMonth: method.card?.exp_month ?? 12,
    expYear: method.card?.exp_year ?? 2034,
    name: values.name || method.billing_details.name || '',
    email: values.email,
  };
}

async function finish(
  ctx: EmulatorContext,
  record: SessionRecord,
  result: PayResult,
  res: ServerResponse,
  values: { email: string; name: string },
): Promise<void> {
  if (result.kind === 'declined') {
    return html(
      res,
      402,
      page(ctx, record, { ...values, entered: enteredFrom(ctx, record), error: result.message }),
    );
  }
  if (result.kind === 'challenge') return redirect(res, `/c/pay/${record.session.id}/3ds`);
  await ctx.dispatcher.settled(result.completedEventId, COMPLETION_WAIT_MS);
  const successUrl = record.session.success_url;
  if (!successUrl)
    return html(res, 200, noticePage('Payment complete', 'Thank you. Your payment went through.'));
  redirect(res, successUrl.replaceAll('{CHECKOUT_SESSION_ID}', record.session.id));
}

function unavailableNotice(record: SessionRecord): string | null {
  const { session } = record;
  const back = session.cancel_url
    ? { href: session.cancel_url, text: 'Return to the store' }
    : undefined;
  if (session.status === 'expired') {
    return noticePage(
      'This checkout session has expired',
      'The time to pay for this order ran out. Return to the store to start again.',
      back,
    );
  }
  if (session.status === 'complete') {
    const done = session.success_url
      ? {
          href: session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id),
          text: 'View your order',
        }
      : undefined;
    return noticePage(
      'This checkout session is complete',
      session.mode === 'setup'
        ? 'This card has already been saved. There is nothing more to do here.'
        : 'This order has already been paid. There is nothing more to do here.',
      done,
    );
  }
  return null;
}

// The checks Checkout's card form makes before anything reaches the card network.
function readCard(
  rawNumber: string,
  expiry: string,
  cvc: string,
  values: { email: string; name: string },
  now: number,
): CardUsed | string {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) {
    return values.email ? 'Your email address is invalid.' : 'Your email is incomplete.';
  }
  const number = normaliseCardNumber(rawNumber);
  if (number.length < 12) return 'Your card number is incomplete.';
  if (!passesLuhn(number)) return DECLINE_MESSAGES.incorrect_number;
  const parts = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec(expiry);
  if (!parts) return "Your card's expiration date is incomplete.";
  const month = Number(parts[1]);
  const year = Number(parts[2]) + ((parts[2] ?? '').length === 2 ? 2000 : 0);
  if (month < 1 || month > 12) return "Your card's expiration date is invalid.";
  const today = new Date(now * 1000);
  if (
    year < today.getUTCFullYear() ||
    (year === today.getUTCFullYear() && month < today.getUTCMonth() + 1)
  ) {
    return "Your card's expiration year is in the past.";
  }
  if (!/^\d{3,4}$/.test(cvc)) return "Your card's security code is incomplete.";
  return { number, expMonth: month, expYear: year, name: values.name, email: values.email };
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { Location: location });
  res.end();
}
