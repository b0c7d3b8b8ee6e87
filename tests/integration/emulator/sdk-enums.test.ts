import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { sessionCreateRules } from '@/emulator/resources/checkout-session-params';
import { couponCreateRules } from '@/emulator/resources/coupons';
import { ALLOWED_COUNTRIES, TAX_ID_TYPES } from '@/emulator/resources/countries';
import { promotionCodeCreateRules } from '@/emulator/resources/promotion-codes';
import { shippingRateDataRules } from '@/emulator/resources/shipping-rates';
import {
  answerChallenge,
  clientFor,
  control,
  LONDON,
  payOnHostedPage,
  sessionParams,
} from './emulator-harness';
import { SdkTypes } from './sdk-types';

// Everything the emulator emits is checked against the pinned stripe package's types: each
// string where the SDK has a union of literals must be one of them, and each field must exist.
// The API version the SDK pins renamed ui_mode's 'hosted' to 'hosted_page'; this is the test that
// catches such a change for every enum at once.

let emulator: RunningEmulator;
let stripe: Stripe;
let sdk: SdkTypes;

const OBJECT_TYPES: Record<string, string> = {
  event: 'Stripe.Event',
  'checkout.session': 'Stripe.Checkout.Session',
  item: 'Stripe.LineItem',
  shipping_rate: 'Stripe.ShippingRate',
  coupon: 'Stripe.Coupon',
  promotion_code: 'Stripe.PromotionCode',
  invoice: 'Stripe.Invoice',
  balance_transaction: 'Stripe.BalanceTransaction',
  product: 'Stripe.Product',
  price: 'Stripe.Price',
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  stripe = clientFor(emulator);
  sdk = new SdkTypes({
    ...OBJECT_TYPES,
    sessionCreate: 'Stripe.Checkout.SessionCreateParams',
    shippingRateCreate: 'Stripe.ShippingRateCreateParams',
    couponCreate: 'Stripe.CouponCreateParams',
    promotionCodeCreate: 'Stripe.PromotionCodeCreateParams',
    allowedCountry: 'Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry',
    taxIdType: 'Stripe.Checkout.Session.CustomerDetails.TaxId.Type',
  });
}, 60_000);
afterAll(() => emulator.stop());

/** Pays sessions of every kind the emulator knows, so that every object and event exists. */
async function everyKindOfPayment(): Promise<void> {
  const coupon = await stripe.coupons.create({ percent_off: 10, duration: 'once' });
  const code = await stripe.promotionCodes.create({
    promotion: { type: 'coupon', coupon: coupon.id },
  });
  const full = await stripe.checkout.sessions.create(
    sessionParams({
      allow_promotion_codes: true,
      automatic_tax: { enabled: true },
      tax_id_collection: { enabled: true },
      invoice_creation: { enabled: true, invoice_data: { description: 'Order' } },
      shipping_address_collection: { allowed_countries: ['GB'] },
      shipping_options: [
        {
          shipping_rate_data: {
            display_name: 'Standard',
            type: 'fixed_amount',
            fixed_amount: { amount: 500, currency: 'usd' },
            delivery_estimate: { minimum: { unit: 'business_day', value: 2 } },
            tax_behavior: 'exclusive',
          },
        },
      ],
    }),
  );
  await payOnHostedPage(full, '4000000000000002', { ...LONDON, promotion_code: code.code });
  await payOnHostedPage(full, '4242424242424242', {
    ...LONDON,
    promotion_code: code.code,
    tax_id_type: 'gb_vat',
    tax_id_value: 'GB123456789',
  });
  const refunded = await stripe.checkout.sessions.retrieve(full.id);
  await stripe.refunds.create({ payment_intent: String(refunded.payment_intent), amount: 100 });

  const challenged = await stripe.checkout.sessions.create(sessionParams());
  await payOnHostedPage(challenged, '4000002760003184');
  await answerChallenge(challenged, 'complete');
  const disputed = await stripe.checkout.sessions.create(
    sessionParams({ payment_intent_data: { capture_method: 'manual' } }),
  );
  await payOnHostedPage(disputed, '4000000000000259');
  await stripe.checkout.sessions.expire(
    (await stripe.checkout.sessions.create(sessionParams())).id,
  );

  const subscription = await stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: 'usd',
          unit_amount: 900,
          recurring: { interval: 'month' },
          product_data: { name: 'Tea club' },
        },
      },
    ],
    success_url: 'http://127.0.0.1:9/ok',
  });
  await payOnHostedPage(subscription, '4242424242424242');
  const setup = await stripe.checkout.sessions.create({
    mode: 'setup',
    currency: 'usd',
    customer_creation: 'always',
    success_url: 'http://127.0.0.1:9/ok',
  } as Stripe.Checkout.SessionCreateParams);
  await payOnHostedPage(setup, '4242424242424242');
  await control(emulator, 'POST', '/balance/settle');
}

async function everyObject(): Promise<Array<{ object: string; value: unknown }>> {
  const found: Array<{ object: string; value: unknown }> = [];
  const add = (items: Array<{ object: string }>): void => {
    for (const item of items) found.push({ object: item.object, value: item });
  };
  for await (const event of stripe.events.list({ limit: 100 })) add([event]);
  for await (const session of stripe.checkout.sessions.list({
    limit: 100,
    expand: ['data.line_items', 'data.total_details.breakdown'],
  })) {
    add([session]);
    add(session.line_items?.data ?? []);
  }
  for await (const rate of stripe.shippingRates.list({ limit: 100 })) add([rate]);
  for await (const coupon of stripe.coupons.list({ limit: 100 })) add([coupon]);
  for await (const promotionCode of stripe.promotionCodes.list({ limit: 100 }))
    add([promotionCode]);
  for await (const invoice of stripe.invoices.list({ limit: 100 })) add([invoice]);
  for await (const transaction of stripe.balanceTransactions.list({ limit: 100 }))
    add([transaction]);
  return found;
}

describe('what the emulator emits, against the SDK types', () => {
  it('answers ui_mode "hosted_page", the value the pinned API version has', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    expect(session.ui_mode).toBe('hosted_page');
    expect(sdk.checkValue('checkout.session', { ui_mode: 'hosted' })).toEqual([
      'checkout.session.ui_mode: "hosted" is not one of elements, embedded_page, form, hosted_page',
    ]);
    // The check reaches into events' objects (picked by `type`) and names unknown fields.
    const event = {
      object: 'event',
      type: 'checkout.session.completed',
      data: { object: { object: 'checkout.session', ui_mode: 'hosted', shipping_details: {} } },
    };
    expect(sdk.checkValue('event', event)).toEqual([
      'event.data.object.ui_mode: "hosted" is not one of elements, embedded_page, form, hosted_page',
      'event.data.object.shipping_details: not a field of the SDK type',
    ]);
  });

  it('emits only values in the SDK unions and only fields the SDK types have', async () => {
    await everyKindOfPayment();
    const objects = await everyObject();
    const kinds = new Set(objects.map((entry) => entry.object));
    for (const kind of [
      'event',
      'checkout.session',
      'item',
      'invoice',
      'coupon',
      'promotion_code',
      'shipping_rate',
    ]) {
      expect(kinds).toContain(kind);
    }
    const problems = objects.flatMap((entry) =>
      OBJECT_TYPES[entry.object]
        ? sdk.checkValue(entry.object, entry.value)
        : [`no SDK type listed for ${entry.object}`],
    );
    expect([...new Set(problems)]).toEqual([]);
  }, 60_000);

  it('accepts only values the SDK has in the parameters it checks with oneOf', () => {
    // payment_method_types left the SDK's types (allowed_payment_method_types replaced it); the
    // emulator still takes it because the Stripe CLI's fixtures send it (payment-pages.test.ts).
    expect(sdk.checkRules('sessionCreate', sessionCreateRules)).toEqual([
      'payment_method_types: not a parameter of the SDK type',
    ]);
    expect(sdk.checkRules('shippingRateCreate', shippingRateDataRules)).toEqual([]);
    expect(sdk.checkRules('couponCreate', couponCreateRules)).toEqual([]);
    expect(sdk.checkRules('promotionCodeCreate', promotionCodeCreateRules)).toEqual([]);
  });

  it('knows the same countries and tax id types as the SDK', () => {
    const countries = sdk.checkValue('allowedCountry', 'XX');
    expect(countries).toHaveLength(1);
    const sdkCountries = (countries[0] ?? '').replace(/^.*is not one of /, '').split(', ');
    expect([...ALLOWED_COUNTRIES].sort()).toEqual(sdkCountries.sort());
    const types = (sdk.checkValue('taxIdType', 'xx_none')[0] ?? '')
      .replace(/^.*is not one of /, '')
      .split(', ');
    expect([...TAX_ID_TYPES].sort()).toEqual(types.sort());
  });
});
