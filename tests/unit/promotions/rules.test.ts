import { describe, expect, it } from 'vitest';
import {
  describeLimits,
  describePromotion,
  lastDayOf,
  parsePromotionForm,
  promotionStatus,
  type PromotionForm,
  type PromotionTerms,
} from '@/lib/promotions/rules';

const now = new Date('2026-03-10T15:00:00Z');
const context = { currencies: ['usd', 'eur', 'jpy', 'kwd'], now };

function parse(form: PromotionForm) {
  return parsePromotionForm({ code: 'spring-10', kind: 'percent', amount: '10', ...form }, context);
}

function errorsOf(form: PromotionForm) {
  const result = parse(form);
  if (result.ok) throw new Error('expected the form to be refused');
  return result.fieldErrors;
}

function draftOf(form: PromotionForm) {
  const result = parse(form);
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.draft;
}

const percent = (percentOff: number, extra: Partial<PromotionTerms> = {}): PromotionTerms => ({
  percentOff,
  amountOff: null,
  currency: null,
  minimumAmount: null,
  ...extra,
});
const fixed = (amountOff: number, currency: string, minimumAmount: number | null = null) => ({
  percentOff: null,
  amountOff,
  currency,
  minimumAmount,
});

describe('the promotion code form', () => {
  it('reads a percentage code with no limits, the code upper-cased', () => {
    expect(draftOf({})).toEqual({
      code: 'SPRING-10',
      percentOff: 10,
      amountOff: null,
      currency: null,
      minimumAmount: null,
      expiresAt: null,
      maxRedemptions: null,
      firstTimeTransaction: false,
    });
  });

  it('takes codes of 3 to 40 letters, digits and dashes only', () => {
    expect(draftOf({ code: 'abc' }).code).toBe('ABC');
    expect(draftOf({ code: 'A'.repeat(40) }).code).toHaveLength(40);
    expect(errorsOf({ code: 'AB' }).code).toBe('Use 3 to 40 characters.');
    expect(errorsOf({ code: 'A'.repeat(41) }).code).toBe('Use 3 to 40 characters.');
    for (const code of ['SPRING 10', 'SPRING_10', 'ÉTÉ10', 'TEN%'])
      expect(errorsOf({ code }).code).toMatch(/letters, digits and dashes/);
  });

  it('takes a percentage above 0, at most 100, with at most two decimals', () => {
    expect(draftOf({ amount: '12.5' }).percentOff).toBe(12.5);
    expect(draftOf({ amount: '0.01' }).percentOff).toBe(0.01);
    expect(draftOf({ amount: '100' }).percentOff).toBe(100);
    for (const amount of ['0', '100.01', '12.345', '-5', '10%', ''])
      expect(errorsOf({ amount }).amount).toMatch(/percentage above 0 and at most 100/);
  });

  it('needs a kind of discount', () => {
    expect(errorsOf({ kind: '' }).kind).toBe('Choose a percentage or a fixed amount.');
  });

  it('reads a fixed amount in the currency’s minor units, defaulting to the store’s currency', () => {
    expect(draftOf({ kind: 'fixed', amount: '5' })).toMatchObject({
      amountOff: 500,
      percentOff: null,
      currency: 'usd',
    });
    expect(draftOf({ kind: 'fixed', amount: '500', currency: 'jpy' })).toMatchObject({
      amountOff: 500,
      currency: 'jpy',
    });
    expect(draftOf({ kind: 'fixed', amount: '1.250', currency: 'KWD' })).toMatchObject({
      amountOff: 1250,
      currency: 'kwd',
    });
  });

  it('refuses a fixed amount with more decimals than its currency has, or of zero', () => {
    expect(errorsOf({ kind: 'fixed', amount: '5.5', currency: 'jpy' }).amount).toMatch(
      /such as 500,/,
    );
    expect(errorsOf({ kind: 'fixed', amount: '1.2345', currency: 'kwd' }).amount).toMatch(
      /such as 28.50/,
    );
    expect(errorsOf({ kind: 'fixed', amount: '0.00' }).amount).toBe('Enter an amount above zero.');
  });

  it('refuses a currency the store does not sell in', () => {
    expect(errorsOf({ kind: 'fixed', amount: '5', currency: 'gbp' }).currency).toBe(
      'Choose one of the store’s currencies: USD, EUR, JPY, KWD.',
    );
    // A percentage without a minimum has no currency, so none is checked.
    expect(draftOf({ currency: 'gbp' }).currency).toBeNull();
  });

  it('reads a minimum order amount in the same currency, for a percentage too', () => {
    expect(draftOf({ minimumAmount: '30', currency: 'eur' })).toMatchObject({
      percentOff: 10,
      minimumAmount: 3000,
      currency: 'eur',
    });
    expect(
      draftOf({ kind: 'fixed', amount: '500', currency: 'jpy', minimumAmount: '3000' }),
    ).toMatchObject({ amountOff: 500, minimumAmount: 3000 });
    expect(errorsOf({ minimumAmount: '0' }).minimumAmount).toBe(
      'Enter an amount above zero, or leave empty for no minimum.',
    );
    expect(errorsOf({ minimumAmount: '30.001' }).minimumAmount).toMatch(/such as 28.50/);
  });

  it('ends a code at the end of its last day, UTC, from today on and within five years', () => {
    const today = draftOf({ expiresOn: '2026-03-10' });
    expect(today.expiresAt).toEqual(new Date('2026-03-11T00:00:00Z'));
    expect(lastDayOf(today.expiresAt!)).toBe('2026-03-10');
    expect(draftOf({ expiresOn: '2031-03-01' }).expiresAt).toEqual(
      new Date('2031-03-02T00:00:00Z'),
    );
    expect(errorsOf({ expiresOn: '2026-03-09' }).expiresOn).toMatch(/today or a later day/);
    expect(errorsOf({ expiresOn: '2031-12-31' }).expiresOn).toMatch(/within five years/);
    for (const expiresOn of ['2026-02-30', '10/03/2027', 'tomorrow'])
      expect(errorsOf({ expiresOn }).expiresOn).toBe('Enter a date such as 2026-12-31.');
  });

  it('takes a whole number of redemptions from 1, and the first-order checkbox', () => {
    expect(draftOf({ maxRedemptions: '100', firstOrderOnly: 'on' })).toMatchObject({
      maxRedemptions: 100,
      firstTimeTransaction: true,
    });
    for (const maxRedemptions of ['0', '1.5', '-1', 'ten', '99999999999'])
      expect(errorsOf({ maxRedemptions }).maxRedemptions).toMatch(/whole number of 1 or more/);
  });

  it('names every refused field at once', () => {
    expect(
      Object.keys(
        errorsOf({
          code: '!',
          kind: 'fixed',
          amount: 'five',
          expiresOn: 'soon',
          maxRedemptions: '0',
          minimumAmount: 'x',
        }),
      ).sort(),
    ).toEqual(['amount', 'code', 'expiresOn', 'maxRedemptions', 'minimumAmount']);
  });
});

describe('a code in words', () => {
  it('says the discount as the admin previews it', () => {
    expect(describePromotion(percent(10))).toBe('10% off');
    expect(describePromotion(percent(12.5))).toBe('12.5% off');
    expect(describePromotion(fixed(500, 'usd', 3000))).toBe('$5.00 off orders of $30.00 or more');
    expect(describePromotion(percent(20, { currency: 'eur', minimumAmount: 5000 }))).toBe(
      '20% off orders of €50.00 or more',
    );
    expect(describePromotion(fixed(500, 'jpy'))).toBe('￥500 off');
  });

  it('lists its limits, the last day as the day it still works', () => {
    expect(
      describeLimits({
        expiresAt: new Date('2026-12-31T00:00:00Z'),
        maxRedemptions: 1,
        firstTimeTransaction: false,
      }),
    ).toEqual(['Until 30 Dec 2026 (UTC)', 'Up to 1 use']);
    expect(
      describeLimits({
        expiresAt: new Date('2027-01-01T00:00:00Z'),
        maxRedemptions: 1000,
        firstTimeTransaction: true,
      }),
    ).toEqual(['Until 31 Dec 2026 (UTC)', 'Up to 1,000 uses', 'First order only']);
    expect(
      describeLimits({ expiresAt: null, maxRedemptions: null, firstTimeTransaction: false }),
    ).toEqual([]);
  });

  it('is inactive, expired, used up or active, in that order', () => {
    const code = { active: true, expiresAt: new Date('2026-03-11T00:00:00Z'), maxRedemptions: 2 };
    expect(promotionStatus(code, 1, now)).toBe('active');
    expect(promotionStatus(code, 2, now)).toBe('used_up');
    expect(promotionStatus(code, 2, new Date('2026-03-11T00:00:00Z'))).toBe('expired');
    expect(promotionStatus({ ...code, active: false }, 2, now)).toBe('inactive');
    expect(promotionStatus({ active: true, expiresAt: null, maxRedemptions: null }, 99, now)).toBe(
      'active',
    );
  });
});
