// Serves the hosted page at the session's `url` and handles its form posts.
import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context';
import { decodeForm } from '../http/form-decoding';
import { confirmCard, resolveChallenge, type PayResult } from '../payments/payment-flow';
import { DECLINE_MESSAGES, normaliseCardNumber, passesLuhn } from '../payments/test-cards';
import type { CardUsed } from '../resources/charges';
import type { SessionRecord } from '../state';
import { challengePage, noticePage, paymentPage } from './page';

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
    return html(
      res,
      200,
      paymentPage(record.session, record.lineItems, {
        email: record.session.customer_email ?? '',
        name: '',
        error: null,
      }),
    );
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
  const values = {
    email: field('email') || (record.session.customer_email ?? ''),
    name: field('name'),
  };
  const card = readCard(
    field('cardnumber'),
    field('expiry'),
    field('cvc'),
    values,
    ctx.clock.now(),
  );
  if (typeof card === 'string') {
    return html(
      res,
      400,
      paymentPage(record.session, record.lineItems, { ...values, error: card }),
    );
  }
  return finish(ctx, record, confirmCard(ctx, record, card), res, values);
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
      paymentPage(record.session, record.lineItems, { ...values, error: result.message }),
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
      'This order has already been paid. There is nothing more to do here.',
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
