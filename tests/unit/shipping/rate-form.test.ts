import { describe, expect, it } from 'vitest';
import { rateFields, zoneInput } from '@/lib/shipping/forms';

const typed = (fields: Record<string, string> = {}) => ({
  name: 'Standard',
  price: '5.00',
  freeOver: '75.00',
  minDays: '3',
  maxDays: '5',
  active: 'on',
  ...fields,
});

function errorsOf(currency: string, fields: Record<string, string>) {
  const result = rateFields(currency).safeParse(typed(fields));
  return Object.fromEntries(
    result.error?.issues.map((issue) => [issue.path[0], issue.message]) ?? [],
  );
}

describe('the shipping rate form', () => {
  it("reads prices with the store currency's decimals", () => {
    expect(rateFields('usd').parse(typed())).toEqual({
      name: 'Standard',
      amount: 500,
      currency: 'usd',
      freeOverAmount: 7500,
      minDays: 3,
      maxDays: 5,
      active: true,
    });
    expect(rateFields('jpy').parse(typed({ price: '750', freeOver: '10000' }))).toMatchObject({
      amount: 750,
      freeOverAmount: 10_000,
    });
    expect(rateFields('kwd').parse(typed({ price: '1.250', freeOver: '30' }))).toMatchObject({
      amount: 1250,
      freeOverAmount: 30_000,
    });
  });

  it('leaves threshold and estimate empty as "never free" and "no estimate"; unticked is inactive', () => {
    const { active: _active, ...unticked } = typed({ freeOver: '', minDays: '', maxDays: '' });
    expect(rateFields('usd').parse(unticked)).toMatchObject({
      freeOverAmount: null,
      minDays: null,
      maxDays: null,
      active: false,
    });
  });

  it('names each refused field', () => {
    expect(errorsOf('jpy', { price: '7.50', freeOver: '10000' })).toEqual({
      price: 'Enter an amount such as 500, at most ￥2,147,483,647.',
    });
    expect(errorsOf('usd', { freeOver: '0' })).toEqual({
      freeOver: 'Enter an amount above zero, or leave it empty if this rate is never free.',
    });
    expect(errorsOf('usd', { freeOver: 'lots' })).toEqual({
      freeOver:
        'Enter an amount such as 28.50, at most $21,474,836.47. Leave it empty if this rate is never free.',
    });
    expect(errorsOf('usd', { minDays: '5', maxDays: '3' })).toEqual({
      maxDays: 'The latest day cannot be before the earliest day.',
    });
    expect(errorsOf('usd', { minDays: '0' })).toEqual({
      minDays: 'Enter a whole number of business days from 1 to 365, or leave empty.',
    });
    expect(errorsOf('usd', { name: ' ', price: '' })).toEqual({
      name: 'Enter a name.',
      price: 'Enter a price, 0 for free shipping.',
    });
  });

  it('reads a zone with its countries, and refuses a bad code on the countries field', () => {
    expect(zoneInput.parse({ name: ' Europe ', countries: 'gb ie, fr' })).toEqual({
      name: 'Europe',
      countries: ['FR', 'GB', 'IE'],
    });
    const refused = zoneInput.safeParse({ name: 'Europe', countries: 'gb, uk' });
    expect(refused.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      [
        'countries',
        'UK is not a country Stripe ships to: use two-letter ISO codes such as US, GB or DE.',
      ],
    ]);
  });
});
