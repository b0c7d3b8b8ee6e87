import { describe, expect, it } from 'vitest';
import {
  countryName,
  isShippingCountry,
  parseCountryList,
  SHIPPING_COUNTRIES,
} from '@/lib/shipping/countries';

describe('shipping countries', () => {
  it("lists Stripe's allowed countries once each, upper case", () => {
    expect(new Set(SHIPPING_COUNTRIES).size).toBe(SHIPPING_COUNTRIES.length);
    expect(SHIPPING_COUNTRIES.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
    expect(isShippingCountry('US')).toBe(true);
    expect(isShippingCountry('us')).toBe(false);
  });

  it('names countries in English', () => {
    expect(countryName('GB')).toBe('United Kingdom');
    expect(countryName('DE')).toBe('Germany');
    expect(countryName('US')).toBe('United States');
  });

  it('reads codes as an admin types them: any case, commas or spaces, duplicates once, sorted', () => {
    expect(parseCountryList('us, GB de')).toEqual({ ok: true, countries: ['DE', 'GB', 'US'] });
    expect(parseCountryList(' se,se ,\nDK; no ')).toEqual({
      ok: true,
      countries: ['DK', 'NO', 'SE'],
    });
  });

  it('refuses an unknown code by name, and an empty list', () => {
    expect(parseCountryList('us, usa, gb')).toEqual({
      ok: false,
      message:
        'USA is not a country Stripe ships to: use two-letter ISO codes such as US, GB or DE.',
    });
    expect(parseCountryList('GB XX')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^XX is not/),
    });
    expect(parseCountryList(' , ')).toEqual({
      ok: false,
      message: 'Enter at least one country code, such as US or GB.',
    });
  });
});
