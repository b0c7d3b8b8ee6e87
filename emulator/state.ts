// Everything the emulator knows, in insertion-ordered Maps (lists read them newest first).
// Only plain JSON goes in here so that the whole state can be saved to and reloaded from a file.
import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type Stripe from 'stripe';

export interface PaymentIntentSettings {
  captureMethod: 'automatic' | 'automatic_async' | 'manual';
  metadata: Record<string, string>;
  statementDescriptorSuffix: string | null;
  receiptEmail: string | null;
  description: string | null;
  /** `shipping` (absent in old state files). */
  shipping?: Stripe.PaymentIntent.Shipping | null;
}

/** A card waiting on the 3D Secure challenge page. */
export interface PendingChallenge {
  cardNumber: string;
  expMonth: number;
  expYear: number;
  email: string;
  name: string;
}

/** What `subscription_data` / `setup_intent_data` ask of the object the session creates. */
export interface CreatedObjectSettings {
  metadata: Record<string, string>;
  description: string | null;
}

export interface SessionRecord {
  session: Stripe.Checkout.Session;
  lineItems: Stripe.LineItem[];
  paymentIntentSettings: PaymentIntentSettings;
  pendingChallenge: PendingChallenge | null;
  /** subscription mode: `subscription_data`; setup mode: `setup_intent_data` (absent in old state files). */
  createdObjectSettings?: CreatedObjectSettings;
  /** The customer ticked "Save card for future purchases" on their last try. */
  saveCard?: boolean;
  /** Shipping, discount and tax: what the session asked for and what the customer chose (absent in old state files). */
  checkout?: CheckoutRecord;
}

/** A Checkout Session's `customer_update` (not echoed on the session, but it decides what completion saves). */
export interface CustomerUpdateSettings {
  address?: 'auto' | 'never';
  name?: 'auto' | 'never';
  shipping?: 'auto' | 'never';
}

/** What the customer entered on the hosted page so far; the session's totals follow from it. */
export interface CheckoutChoices {
  shippingRate: string | null;
  promotionCode: string | null;
  shippingName: string | null;
  shippingAddress: Stripe.Address | null;
  /** The billing country and postal code, asked for when automatic tax has no shipping address. */
  billingAddress: Stripe.Address | null;
  taxIds: Array<{ type: string; value: string }>;
}

export interface CheckoutRecord {
  customerUpdate: CustomerUpdateSettings;
  /** Each line item's product tax code (`product_data[tax_code]`, or the catalogue product's). */
  taxCodes: Array<string | null>;
  choices: CheckoutChoices;
  /** `total_details.breakdown`, returned only with `expand[]=total_details.breakdown`. */
  breakdown: Stripe.Checkout.Session.TotalDetails.Breakdown;
}

export interface EmulatorState {
  sessions: Map<string, SessionRecord>;
  paymentIntents: Map<string, Stripe.PaymentIntent>;
  charges: Map<string, Stripe.Charge>;
  /** Which test card paid each charge: it decides how its refunds and disputes behave. */
  chargeCards: Map<string, string>;
  refunds: Map<string, Stripe.Refund>;
  disputes: Map<string, Stripe.Dispute>;
  /** Issuers' early fraud warnings (`issfr_...`), absent in state files from before them. */
  earlyFraudWarnings: Map<string, Stripe.Radar.EarlyFraudWarning>;
  events: Map<string, Stripe.Event>;
  /** A deleted customer stays, as Stripe's `{ id, object, deleted: true }`, so retrieve can say so. */
  customers: Map<string, Stripe.Customer | Stripe.DeletedCustomer>;
  paymentMethods: Map<string, Stripe.PaymentMethod>;
  /** Which test card each PaymentMethod holds: it decides how later charges to it go. */
  paymentMethodCards: Map<string, string>;
  /** Which IBAN each SEPA Direct Debit PaymentMethod holds: it decides how its debits end. */
  paymentMethodIbans: Map<string, string>;
  setupIntents: Map<string, Stripe.SetupIntent>;
  subscriptions: Map<string, Stripe.Subscription>;
  invoices: Map<string, Stripe.Invoice>;
  /** A deleted clock is forgotten: Stripe deletes it with its customers. */
  testClocks: Map<string, Stripe.TestHelpers.TestClock>;
  products: Map<string, Stripe.Product>;
  prices: Map<string, Stripe.Price>;
  invoiceItems: Map<string, Stripe.InvoiceItem>;
  balanceTransactions: Map<string, Stripe.BalanceTransaction>;
  payouts: Map<string, Stripe.Payout>;
  /** Which automatic payout paid each balance transaction out (GET /v1/balance_transactions?payout=). */
  payoutTransactions: Map<string, string>;
  /** The bank account number each payout went to: Stripe's test numbers decide how it ends. */
  payoutAccounts: Map<string, string>;
  shippingRates: Map<string, Stripe.ShippingRate>;
  coupons: Map<string, Stripe.Coupon>;
  promotionCodes: Map<string, Stripe.PromotionCode>;
}

export function emptyState(): EmulatorState {
  return {
    sessions: new Map(),
    paymentIntents: new Map(),
    charges: new Map(),
    chargeCards: new Map(),
    refunds: new Map(),
    disputes: new Map(),
    earlyFraudWarnings: new Map(),
    events: new Map(),
    customers: new Map(),
    paymentMethods: new Map(),
    paymentMethodCards: new Map(),
    paymentMethodIbans: new Map(),
    setupIntents: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    testClocks: new Map(),
    products: new Map(),
    prices: new Map(),
    invoiceItems: new Map(),
    balanceTransactions: new Map(),
    payouts: new Map(),
    payoutTransactions: new Map(),
    payoutAccounts: new Map(),
    shippingRates: new Map(),
    coupons: new Map(),
    promotionCodes: new Map(),
  };
}

export function clearState(state: EmulatorState): void {
  for (const key of MAP_KEYS) state[key].clear();
}

type MapKeys = {
  [K in keyof EmulatorState]: EmulatorState[K] extends Map<string, unknown> ? K : never;
}[keyof EmulatorState];

const MAP_KEYS: MapKeys[] = [
  'sessions',
  'paymentIntents',
  'charges',
  'chargeCards',
  'refunds',
  'disputes',
  'earlyFraudWarnings',
  'events',
  'customers',
  'paymentMethods',
  'paymentMethodCards',
  'paymentMethodIbans',
  'setupIntents',
  'subscriptions',
  'invoices',
  'testClocks',
  'products',
  'prices',
  'invoiceItems',
  'balanceTransactions',
  'payouts',
  'payoutTransactions',
  'payoutAccounts',
  'shippingRates',
  'coupons',
  'promotionCodes',
];

export function saveState(state: EmulatorState, file: string): void {
  const snapshot: Record<string, unknown> = {};
  for (const key of MAP_KEYS) snapshot[key] = [...state[key].entries()];
  mkdirSync(dirname(file), { recursive: true });
  // Write then rename, so a crash mid-write never leaves a truncated state file behind.
  writeFileSync(`${file}.tmp`, JSON.stringify(snapshot));
  renameSync(`${file}.tmp`, file);
}

export function loadState(file: string): EmulatorState {
  const state = emptyState();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return state;
  }
  const snapshot = JSON.parse(text) as Record<string, unknown>;
  for (const key of MAP_KEYS) {
    const entries = snapshot[key];
    if (Array.isArray(entries)) {
      (state[key] as Map<string, unknown>) = new Map(entries as [string, unknown][]);
    }
  }
  // Files from before test clocks also hold `clockOffsetSeconds`, a global clock offset: it is
  // ignored, so the account is back in real time and the store's new sessions are valid again.
  return state;
}
