import { describe, expect, it } from 'vitest';
import { deliveryEstimateLabel, quoteShipping, type ShippingRateRow } from '@/lib/shipping/rates';

let nextId = 0;
function rate(overrides: Partial<ShippingRateRow> = {}): ShippingRateRow {
  nextId += 1;
  return {
    id: `00000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`,
    name: `Rate ${nextId}`,
    amount: 500,
    currency: 'usd',
    freeOverAmount: null,
    minDays: null,
    maxDays: null,
    active: true,
    position: nextId,
    ...overrides,
  };
}

const cart = (subtotal: number, currency = 'usd') => ({ subtotal, currency });

describe('shipping quotes', () => {
  it("offers each zone's own rates, with their names and delivery estimates", () => {
    const domestic = [
      rate({ name: 'Standard', amount: 500, minDays: 3, maxDays: 5 }),
      rate({ name: 'Express', amount: 1500, minDays: 1, maxDays: 2 }),
    ];
    const europe = [rate({ name: 'Standard', amount: 1200, minDays: 5, maxDays: 10 })];

    expect(quoteShipping(domestic, cart(4000))).toEqual([
      expect.objectContaining({
        rateId: domestic[0]!.id,
        name: 'Standard',
        amount: 500,
        minDays: 3,
        maxDays: 5,
        free: false,
      }),
      expect.objectContaining({
        rateId: domestic[1]!.id,
        name: 'Express',
        amount: 1500,
        minDays: 1,
        maxDays: 2,
        free: false,
      }),
    ]);
    expect(quoteShipping(europe, cart(4000))).toEqual([
      {
        rateId: europe[0]!.id,
        name: 'Standard',
        amount: 1200,
        currency: 'usd',
        minDays: 5,
        maxDays: 10,
        free: false,
      },
    ]);
  });

  it('ships free from exactly the threshold, and charges one minor unit below it', () => {
    const standard = rate({ name: 'Standard', amount: 500, freeOverAmount: 7500 });
    expect(quoteShipping([standard], cart(7500))[0]).toMatchObject({ amount: 0, free: true });
    expect(quoteShipping([standard], cart(7499))[0]).toMatchObject({ amount: 500, free: false });
    expect(quoteShipping([standard], cart(100_000))[0]).toMatchObject({ amount: 0, free: true });
  });

  it('puts the cheapest first, so Stripe preselects it; a rate made free by the cart leads', () => {
    const express = rate({ name: 'Express', amount: 1500, position: 0 });
    const standard = rate({ name: 'Standard', amount: 500, freeOverAmount: 7500, position: 1 });
    expect(quoteShipping([express, standard], cart(2000)).map((q) => [q.name, q.amount])).toEqual([
      ['Standard', 500],
      ['Express', 1500],
    ]);
    expect(quoteShipping([express, standard], cart(9000)).map((q) => [q.name, q.amount])).toEqual([
      ['Standard', 0],
      ['Express', 1500],
    ]);
  });

  it('keeps the admin order between rates of the same price', () => {
    const b = rate({ name: 'Courier B', amount: 900, position: 2 });
    const a = rate({ name: 'Courier A', amount: 900, position: 1 });
    expect(quoteShipping([b, a], cart(100)).map((q) => q.name)).toEqual(['Courier A', 'Courier B']);
  });

  it('leaves out inactive rates and rates in another currency', () => {
    const offered = rate({ name: 'Standard' });
    const rates = [
      offered,
      rate({ name: 'Retired', active: false, amount: 100 }),
      rate({ name: 'Kronor', currency: 'sek', amount: 100 }),
    ];
    expect(quoteShipping(rates, cart(1000)).map((q) => q.name)).toEqual(['Standard']);
    expect(quoteShipping(rates, cart(1000, 'eur'))).toEqual([]);
    expect(quoteShipping(rates, cart(1000, 'USD')).map((q) => q.name)).toEqual(['Standard']);
  });

  it("offers at most five rates, the first five in the admin's order, even when later ones are cheaper", () => {
    const rates = [7, 6, 5, 4, 3, 2, 1].map((n, index) =>
      rate({ name: `R${index}`, amount: n * 100, position: index }),
    );
    const quotes = quoteShipping(rates, cart(100));
    expect(quotes).toHaveLength(5);
    expect(quotes.map((q) => q.name)).toEqual(['R4', 'R3', 'R2', 'R1', 'R0']);
    // Inactive rates do not use up a place among the five.
    const withRetired = [rate({ name: 'Retired', active: false, position: -1 }), ...rates];
    expect(quoteShipping(withRetired, cart(100)).map((q) => q.name)).not.toContain('Retired');
    expect(quoteShipping(withRetired, cart(100))).toHaveLength(5);
  });

  it('compares yen as whole units: free over ¥10,000 means a subtotal of 10000', () => {
    const standard = rate({ currency: 'jpy', amount: 750, freeOverAmount: 10_000 });
    expect(quoteShipping([standard], cart(10_000, 'jpy'))[0]).toMatchObject({
      amount: 0,
      currency: 'jpy',
      free: true,
    });
    expect(quoteShipping([standard], cart(9_999, 'jpy'))[0]).toMatchObject({
      amount: 750,
      free: false,
    });
  });

  it('compares three-decimal dinars in fils: free over 75.000 KWD means 75000', () => {
    const standard = rate({ currency: 'kwd', amount: 5_000, freeOverAmount: 75_000 });
    expect(quoteShipping([standard], cart(75_000, 'kwd'))[0]).toMatchObject({
      amount: 0,
      free: true,
    });
    expect(quoteShipping([standard], cart(74_999, 'kwd'))[0]).toMatchObject({
      amount: 5_000,
      currency: 'kwd',
      free: false,
    });
  });

  it('marks a zero-priced rate free whatever the cart', () => {
    expect(quoteShipping([rate({ name: 'Pickup', amount: 0 })], cart(1))[0]).toMatchObject({
      amount: 0,
      free: true,
    });
  });

  it('offers nothing from a zone without rates', () => {
    expect(quoteShipping([], cart(1000))).toEqual([]);
  });
});

describe('delivery estimates', () => {
  it('reads as a range of business days, or one end of it, or nothing', () => {
    expect(deliveryEstimateLabel(3, 5)).toBe('3–5 business days');
    expect(deliveryEstimateLabel(1, 1)).toBe('1 business day');
    expect(deliveryEstimateLabel(null, 2)).toBe('Up to 2 business days');
    expect(deliveryEstimateLabel(4, null)).toBe('From 4 business days');
    expect(deliveryEstimateLabel(null, null)).toBeNull();
  });
});
