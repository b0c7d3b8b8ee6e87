import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import {
  caught,
  clientFor,
  hostedPage,
  payOnHostedPage,
  sessionParams,
  updateHostedPage,
} from './emulator-harness';

// Coupons, promotion codes, and the codes a customer types on the hosted page.

let emulator: RunningEmulator;
let stripe: Stripe;
let counter = 0;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  stripe = clientFor(emulator);
});
afterAll(() => emulator.stop());

/** A code with a text of its own, so tests do not see each other's codes. */
async function promotionCode(
  coupon: Stripe.CouponCreateParams,
  params: Omit<Stripe.PromotionCodeCreateParams, 'promotion'> = {},
): Promise<Stripe.PromotionCode> {
  const created = await stripe.coupons.create(coupon);
  counter += 1;
  return stripe.promotionCodes.create({
    promotion: { type: 'coupon', coupon: created.id },
    code: `SAVE${counter}X`,
    ...params,
  });
}

async function codeSession(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.create(
    sessionParams({
      allow_promotion_codes: true,
      shipping_options: [
        {
          shipping_rate_data: {
            display_name: 'Standard',
            type: 'fixed_amount',
            fixed_amount: { amount: 500, currency: 'usd' },
          },
        },
      ],
      ...overrides,
    }),
  );
}

describe('/v1/coupons', () => {
  it('creates, retrieves, updates, lists and deletes a coupon', async () => {
    const coupon = await stripe.coupons.create({
      percent_off: 25,
      duration: 'once',
      name: 'Spring',
      max_redemptions: 10,
      metadata: { campaign: 'spring' },
    });
    expect(coupon).toMatchObject({
      object: 'coupon',
      percent_off: 25,
      amount_off: null,
      currency: null,
      duration: 'once',
      name: 'Spring',
      max_redemptions: 10,
      times_redeemed: 0,
      valid: true,
      metadata: { campaign: 'spring' },
    });
    expect((await stripe.coupons.update(coupon.id, { name: 'Spring sale' })).name).toBe(
      'Spring sale',
    );
    expect((await stripe.coupons.retrieve(coupon.id)).name).toBe('Spring sale');
    const listed = await stripe.coupons.list({ limit: 100 });
    expect(listed.data.map((entry) => entry.id)).toContain(coupon.id);
    expect(await stripe.coupons.del(coupon.id)).toEqual({
      id: coupon.id,
      object: 'coupon',
      deleted: true,
    });
    expect(await caught(stripe.coupons.retrieve(coupon.id))).toMatchObject({ statusCode: 404 });
  });

  it.each([
    ['neither percent_off nor amount_off', { duration: 'once' as const }, 'percent_off'],
    ['amount_off without a currency', { amount_off: 500 }, 'currency'],
    [
      'repeating without months',
      { percent_off: 10, duration: 'repeating' as const },
      'duration_in_months',
    ],
    ['more than 100 percent', { percent_off: 120 }, 'percent_off'],
  ])('refuses %s', async (_label, params, param) => {
    const error = await caught(stripe.coupons.create(params));
    expect(error).toMatchObject({ statusCode: 400, param });
  });
});

describe('/v1/promotion_codes', () => {
  it('creates a code for a coupon under promotion[coupon], with restrictions', async () => {
    const code = await promotionCode(
      { amount_off: 1000, currency: 'usd', duration: 'once' },
      {
        max_redemptions: 3,
        restrictions: {
          first_time_transaction: true,
          minimum_amount: 5000,
          minimum_amount_currency: 'usd',
        },
        metadata: { source: 'newsletter' },
      },
    );
    expect(code).toMatchObject({
      object: 'promotion_code',
      active: true,
      max_redemptions: 3,
      times_redeemed: 0,
      expires_at: null,
      customer: null,
      promotion: { type: 'coupon' },
      restrictions: {
        first_time_transaction: true,
        minimum_amount: 5000,
        minimum_amount_currency: 'usd',
      },
      metadata: { source: 'newsletter' },
    });
    expect(code.id).toMatch(/^promo_/);
    expect(await stripe.promotionCodes.retrieve(code.id)).toEqual(code);
  });

  it('keeps active codes unique whatever their case, and lists by code, coupon and active', async () => {
    const first = await promotionCode({ percent_off: 10 });
    const clash = await caught(
      stripe.promotionCodes.create({
        promotion: { type: 'coupon', coupon: String(first.promotion.coupon) },
        code: first.code.toLowerCase(),
      }),
    );
    expect(clash).toMatchObject({ statusCode: 400, param: 'code' });
    expect(clash.message).toContain('already exists');

    const off = await stripe.promotionCodes.update(first.id, { active: false });
    expect(off.active).toBe(false);
    const again = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: String(first.promotion.coupon) },
      code: first.code.toLowerCase(),
    });
    expect((await stripe.promotionCodes.list({ code: first.code })).data).toEqual([off]);
    const byCoupon = await stripe.promotionCodes.list({ coupon: String(first.promotion.coupon) });
    expect(byCoupon.data.map((entry) => entry.id)).toEqual([again.id, first.id]);
    const active = await stripe.promotionCodes.list({
      coupon: String(first.promotion.coupon),
      active: true,
    });
    expect(active.data.map((entry) => entry.id)).toEqual([again.id]);
  });

  it('refuses a missing coupon and a minimum amount without a currency', async () => {
    const missing = await caught(
      stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: 'nope' } }),
    );
    expect(missing).toMatchObject({ statusCode: 404, param: 'promotion[coupon]' });
    const coupon = await stripe.coupons.create({ percent_off: 5 });
    const minimum = await caught(
      stripe.promotionCodes.create({
        promotion: { type: 'coupon', coupon: coupon.id },
        restrictions: { minimum_amount: 100 },
      }),
    );
    expect(minimum).toMatchObject({
      statusCode: 400,
      param: 'restrictions[minimum_amount_currency]',
    });
  });
});

describe('a promotion code on the hosted page', () => {
  it('offers the field with an Apply button only when the session allows codes', async () => {
    expect(await hostedPage(await codeSession())).toMatch(
      /<label for="promotion_code">Promotion code<input id="promotion_code" name="promotion_code"[\s\S]*?name="action" value="update"[^>]*>Apply</,
    );
    const without = await codeSession({ allow_promotion_codes: false });
    expect(await hostedPage(without)).not.toContain('promotion_code');
  });

  it('applies a percentage to the line items only, and records the redemption on completion', async () => {
    const code = await promotionCode({ percent_off: 15, duration: 'once' });
    const session = await codeSession();
    const applied = await updateHostedPage(session, { promotion_code: code.code.toLowerCase() });
    expect(applied.status).toBe(200);
    // 15 % of 55.00 is 8.25; shipping (5.00) is not discounted.
    expect(applied.html).toContain(`<dt>Discount (${code.code})</dt><dd>−$8.25</dd>`);
    expect(applied.html).toContain('Total due</dt><dd class="due">$51.75</dd>');

    const paid = await payOnHostedPage(session, '4242424242424242', {
      promotion_code: code.code.toLowerCase(),
    });
    expect(paid.status).toBe(303);
    const done = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['total_details.breakdown', 'line_items', 'payment_intent'],
    });
    expect(done.discounts).toEqual([{ coupon: code.promotion.coupon, promotion_code: code.id }]);
    expect(done.total_details).toMatchObject({
      amount_discount: 825,
      amount_shipping: 500,
      amount_tax: 0,
      breakdown: {
        discounts: [
          {
            amount: 825,
            discount: {
              object: 'discount',
              promotion_code: code.id,
              source: { type: 'coupon', coupon: code.promotion.coupon },
            },
          },
        ],
        taxes: [],
      },
    });
    expect(done.amount_total).toBe(5500 - 825 + 500);
    expect((done.payment_intent as Stripe.PaymentIntent).amount).toBe(5175);
    const discounts = done.line_items?.data.map((item) => item.amount_discount);
    expect(discounts?.reduce((sum, amount) => sum + amount, 0)).toBe(825);
    expect((await stripe.promotionCodes.retrieve(code.id)).times_redeemed).toBe(1);
    expect((await stripe.coupons.retrieve(String(code.promotion.coupon))).times_redeemed).toBe(1);
  });

  it('caps a fixed amount at the subtotal', async () => {
    const code = await promotionCode({ amount_off: 9000, currency: 'usd' });
    const session = await codeSession();
    const applied = await updateHostedPage(session, { promotion_code: code.code });
    expect(applied.html).toContain('Total due</dt><dd class="due">$5.00</dd>');
    expect((await stripe.checkout.sessions.retrieve(session.id)).total_details).toMatchObject({
      amount_discount: 5500,
    });
  });

  it('refuses an unknown code, an inactive one, one in another currency, and one below its minimum', async () => {
    const session = await codeSession();
    const inactive = await promotionCode({ percent_off: 10 });
    await stripe.promotionCodes.update(inactive.id, { active: false });
    const euros = await promotionCode({ amount_off: 500, currency: 'eur' });
    const minimum = await promotionCode(
      { percent_off: 10 },
      { restrictions: { minimum_amount: 10000, minimum_amount_currency: 'usd' } },
    );
    const cases: Array<[string, string]> = [
      ['NO-SUCH-CODE', 'This code is invalid.'],
      [inactive.code, 'This code is no longer active.'],
      [euros.code, 'This code is not valid for purchases in USD.'],
      [minimum.code, 'This code requires a minimum purchase of $100.00.'],
    ];
    for (const [typed, message] of cases) {
      const refused = await updateHostedPage(session, { promotion_code: typed });
      expect(refused.status).toBe(400);
      expect(refused.html).toContain(message);
      expect(refused.html).toContain('Total due</dt><dd class="due">$60.00</dd>');
    }
    const paying = await payOnHostedPage(session, '4242424242424242', {
      promotion_code: 'NO-SUCH-CODE',
    });
    expect(paying.status).toBe(400);
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_intent).toBeNull();
  });

  it('refuses a code redeemed the maximum number of times', async () => {
    const code = await promotionCode({ percent_off: 10 }, { max_redemptions: 1 });
    const first = await codeSession();
    expect(
      (await payOnHostedPage(first, '4242424242424242', { promotion_code: code.code })).status,
    ).toBe(303);
    const second = await codeSession();
    const refused = await updateHostedPage(second, { promotion_code: code.code });
    expect(refused.html).toContain('This code has been redeemed the maximum number of times.');
  });

  it('refuses an expired code', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 1;
    const code = await promotionCode({ percent_off: 10 }, { expires_at: expiresAt });
    while (Math.floor(Date.now() / 1000) <= expiresAt) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const refused = await updateHostedPage(await codeSession(), { promotion_code: code.code });
    expect(refused.html).toContain('This code has expired.');
  });

  it('refuses a first-order code to an email that has paid before', async () => {
    const code = await promotionCode(
      { percent_off: 10 },
      { restrictions: { first_time_transaction: true } },
    );
    const email = `first-${counter}@example.com`;
    const newcomer = await updateHostedPage(await codeSession({ customer_email: email }), {
      email,
      promotion_code: code.code,
    });
    expect(newcomer.status).toBe(200);
    const before = await codeSession({ customer_email: email });
    await payOnHostedPage(before, '4242424242424242', { email });
    const returning = await updateHostedPage(await codeSession({ customer_email: email }), {
      email,
      promotion_code: code.code,
    });
    expect(returning.status).toBe(400);
    expect(returning.html).toContain('This code is only valid for your first order.');
  });
});
