import { describe, expect, it } from 'vitest';
import { postalAddressLines } from '@/lib/orders/postal-address';
import { CARRIERS, readTrackingNumber, trackingUrl } from '@/lib/shipments/tracking';

describe('tracking links', () => {
  it('links every known carrier over https, and "Other" nowhere', () => {
    for (const carrier of CARRIERS) {
      const url = trackingUrl(carrier, 'AB123456789GB');
      if (carrier === 'Other') expect(url).toBeNull();
      else {
        expect(url, carrier).toMatch(/^https:\/\/[a-z.]+\//);
        expect(url, carrier).toContain('AB123456789GB');
      }
    }
    expect(trackingUrl('UPS', '1Z999AA10123456784')).toBe(
      'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    );
  });

  it('encodes the number, so it cannot add parameters or leave the carrier’s site', () => {
    expect(trackingUrl('FedEx', 'a&b=c#d/../e')).toBe(
      'https://www.fedex.com/fedextrack/?trknbr=a%26b%3Dc%23d%2F..%2Fe',
    );
    expect(new URL(trackingUrl('Royal Mail', 'x y')!).host).toBe('www.royalmail.com');
  });

  it('has no link without a carrier it knows or a number', () => {
    expect(trackingUrl(null, '123')).toBeNull();
    expect(trackingUrl('UPS', null)).toBeNull();
    expect(trackingUrl('Pigeon Post', '123')).toBeNull();
  });
});

describe('tracking numbers', () => {
  it('trims, and drops the spaces a known carrier’s label groups the number with', () => {
    expect(readTrackingNumber('UPS', '  1Z 999 AA1 01 2345 6784 ')).toEqual({
      ok: true,
      value: '1Z999AA10123456784',
    });
    expect(readTrackingNumber('Other', '  Courier  ref 42 ')).toEqual({
      ok: true,
      value: 'Courier ref 42',
    });
  });

  it('refuses an empty, overlong or unprintable number, and symbols for a known carrier', () => {
    expect(readTrackingNumber('DHL', '   ')).toEqual({
      ok: false,
      message: 'Enter the tracking number.',
    });
    expect(readTrackingNumber('Other', 'x'.repeat(101))).toEqual({
      ok: false,
      message: 'A tracking number has at most 100 characters.',
    });
    expect(readTrackingNumber('Other', 'x'.repeat(100))).toMatchObject({ ok: true });
    expect(readTrackingNumber('Other', 'ab\u0000cd')).toEqual({
      ok: false,
      message: 'The tracking number holds characters that cannot be printed.',
    });
    expect(readTrackingNumber('USPS', '9400<script>')).toEqual({
      ok: false,
      message: 'A USPS tracking number has only letters, digits and hyphens.',
    });
  });
});

describe('postal addresses', () => {
  it('prints the lines it has, the country by name', () => {
    expect(
      postalAddressLines({
        line1: '1 Main St',
        line2: null,
        city: 'Springfield',
        state: 'IL',
        postal_code: '62701',
        country: 'US',
      }),
    ).toEqual(['1 Main St', 'Springfield, IL 62701', 'United States']);
    expect(
      postalAddressLines({
        line1: '10 Downing St',
        line2: '',
        city: 'London',
        state: null,
        postal_code: 'SW1A 2AA',
        country: 'GB',
      }),
    ).toEqual(['10 Downing St', 'London, SW1A 2AA', 'United Kingdom']);
    expect(postalAddressLines(null)).toEqual([]);
  });
});
