// The hosted Checkout pages as plain HTML: a summary of what is being bought, the card form, the
// 3D Secure challenge, and the notices for sessions that can no longer be paid.
import type Stripe from 'stripe';
import { formatAmount } from '../money';
import {
  billingForTaxFields,
  NO_EXTRAS,
  promotionCodeField,
  shippingAddressFields,
  shippingOptionFields,
  taxIdFields,
  totalsBlock,
  updateButton,
  type CheckoutExtras,
  type Entered,
} from './checkout-sections';
import { escapeHtml } from './html';
import { STYLES } from './styles';

export { escapeHtml };

function layout(title: string, body: string, narrow = false): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLES}</style></head>
<body><main${narrow ? ' class="narrow"' : ''}>${body}</main></body></html>`;
}

const HEADINGS: Record<string, string> = {
  payment: 'Pay',
  setup: 'Save a card',
  subscription: 'Subscribe',
};

/** "/ month", "/ 3 months": how often a recurring price is charged. */
function cadence(price: Stripe.Price | null | undefined): string {
  const recurring = price?.recurring;
  if (!recurring) return '';
  const count = recurring.interval_count;
  return count === 1 ? ` / ${recurring.interval}` : ` / ${count} ${recurring.interval}s`;
}

function summary(
  session: Stripe.Checkout.Session,
  items: Stripe.LineItem[],
  extras: CheckoutExtras,
): string {
  const currency = session.currency ?? 'usd';
  const rows = items
    .map(
      (
        item,
      ) => `<li><span>${escapeHtml(item.description ?? 'Item')}<br><span class="qty">Qty ${item.quantity ?? 1}</span></span>
<span class="amount">${formatAmount(item.amount_subtotal, currency)}${cadence(item.price)}</span></li>`,
    )
    .join('');
  const cancel = session.cancel_url
    ? `<p><a class="back" href="${escapeHtml(session.cancel_url)}">&larr; Back to the store</a></p>`
    : '';
  const heading = `${cancel}<span class="badge">Test mode</span>
<h1 id="summary-title">${HEADINGS[session.mode] ?? 'Pay'}</h1>`;
  if (session.mode === 'setup') {
    return `<section class="card" aria-labelledby="summary-title">${heading}
<p>Save a card for future payments. You will not be charged now.</p></section>`;
  }
  const total = formatAmount(session.amount_total ?? 0, currency) + cadence(items[0]?.price);
  const sum =
    session.mode === 'payment'
      ? totalsBlock(session, extras)
      : `<p class="sum"><span>Total due today</span><span class="amount">${formatAmount(session.amount_total ?? 0, currency)}</span></p>`;
  return `<section class="card" aria-labelledby="summary-title">
${heading}
<p class="total">${total}</p>
<ul class="items">${rows}</ul>
${sum}
</section>`;
}

export interface FormValues {
  email: string;
  name: string;
  error: string | null;
  /** The other fields as entered (address, shipping method, code, tax id, card), kept on re-render. */
  entered?: Entered;
  /** Why the promotion code was refused, shown beside it. */
  codeError?: string | null;
}

/** The customer's saved cards to choose from, and whether to offer saving a new one. */
export interface CardOptions {
  savedCards: Stripe.PaymentMethod[];
  offerSave: boolean;
}

const BUTTONS: Record<string, string> = {
  payment: 'Pay',
  setup: 'Save card',
  subscription: 'Subscribe',
};

function savedCardChoices(cards: Stripe.PaymentMethod[]): string {
  if (cards.length === 0) return '';
  const choices = cards
    .map((method, index) => {
      const card = method.card;
      const brand = (card?.display_brand ?? card?.brand ?? 'card').replace(/^./, (c) =>
        c.toUpperCase(),
      );
      const expiry = `${String(card?.exp_month ?? 0).padStart(2, '0')}/${String(card?.exp_year ?? 0).slice(-2)}`;
      return `<label class="choice"><input type="radio" name="payment_method" value="${escapeHtml(method.id)}"${index === 0 ? ' checked' : ''}> ${escapeHtml(brand)} •••• ${escapeHtml(card?.last4 ?? '')} <span class="qty">expires ${expiry}</span></label>`;
    })
    .join('');
  return `<fieldset><legend>Saved cards</legend>${choices}
<label class="choice"><input type="radio" name="payment_method" value="new"> Pay with a new card</label></fieldset>`;
}

export function paymentPage(
  session: Stripe.Checkout.Session,
  items: Stripe.LineItem[],
  values: FormValues,
  options: CardOptions = { savedCards: [], offerSave: false },
  extras: CheckoutExtras = NO_EXTRAS,
): string {
  const entered = values.entered ?? {};
  const card = (name: string): string => escapeHtml(entered[name] ?? '');
  const error = values.error ? `<p class="error" role="alert">${escapeHtml(values.error)}</p>` : '';
  const save = options.offerSave
    ? '<label class="choice"><input type="checkbox" name="save_card" value="on"> Save card for future purchases</label>'
    : '';
  const form = `<section class="card" aria-labelledby="pay-title">
<h2 id="pay-title" class="hint">${session.mode === 'setup' ? 'Card details' : 'Pay with card'}</h2>
<form method="post" action="/c/pay/${escapeHtml(session.id)}" novalidate>
${error}
<label for="email">Email<input id="email" name="email" type="email" autocomplete="email" value="${escapeHtml(values.email)}" required></label>
${shippingAddressFields(extras, entered)}
${shippingOptionFields(extras, session)}
${billingForTaxFields(extras, entered)}
${taxIdFields(extras, entered)}
${promotionCodeField(extras, entered, values.codeError ?? null)}
${updateButton(extras)}
${savedCardChoices(options.savedCards)}
<label for="cardnumber">Card number<input id="cardnumber" name="cardnumber" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" value="${card('cardnumber')}" required></label>
<div class="row">
<label for="expiry">Expiration<input id="expiry" name="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" value="${card('expiry')}" required></label>
<label for="cvc">CVC<input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" value="${card('cvc')}" required></label>
</div>
<label for="name">Cardholder name<input id="name" name="name" autocomplete="cc-name" value="${escapeHtml(values.name)}" required></label>
${save}
<button type="submit">${BUTTONS[session.mode] ?? 'Pay'}</button>
<p class="hint">This is the Shopfront Stripe emulator: no real card is charged. Try 4242 4242 4242 4242.</p>
</form></section>`;
  return layout('Checkout', summary(session, items, extras) + form);
}

export function challengePage(session: Stripe.Checkout.Session): string {
  const currency = session.currency ?? 'usd';
  return layout(
    '3D Secure authentication',
    `<section class="card" aria-labelledby="challenge-title">
<span class="badge">Test mode</span>
<h1 id="challenge-title">Confirm this payment</h1>
<p>Your bank asks you to authenticate a payment of <strong>${formatAmount(session.amount_total ?? 0, currency)}</strong>.</p>
<p class="hint">In test mode you choose the outcome of the 3D Secure challenge.</p>
<form method="post" action="/c/pay/${escapeHtml(session.id)}/3ds" class="actions">
<button type="submit" name="action" value="complete">Complete</button>
<button type="submit" name="action" value="fail" class="secondary">Fail</button>
</form></section>`,
    true,
  );
}

export function noticePage(
  title: string,
  message: string,
  link?: { href: string; text: string },
): string {
  const back = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : '';
  return layout(
    title,
    `<section class="card"><span class="badge">Test mode</span><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${back}</section>`,
    true,
  );
}
