import { describe, expect, it } from 'vitest';
import {
  addLine,
  CartLimitError,
  itemCount,
  MAX_LINES,
  parseCart,
  removeLine,
  serializeCart,
  setQuantity,
} from '@/lib/cart/lines';

const MUG = '0b7c5f8e-8f0e-4a47-9a53-2f1d0c6a0001';
const APRON = '0b7c5f8e-8f0e-4a47-9a53-2f1d0c6a0002';
const cookie = (value: unknown) => JSON.stringify(value);

describe('the cart cookie', () => {
  it('round-trips product ids and quantities, and nothing else', () => {
    const cart = addLine(addLine({ lines: [] }, MUG, 2), APRON, 1);
    expect(parseCart(serializeCart(cart))).toEqual({ cart, isValid: true });
    expect(serializeCart(cart)).not.toMatch(/amount|price|name/);
  });

  it('is an empty, valid cart when there is no cookie', () => {
    expect(parseCart(undefined)).toEqual({ cart: { lines: [] }, isValid: true });
  });

  it.each([
    ['not JSON', 'garbage{'],
    ['a price smuggled into a line', cookie({ v: 1, lines: [[MUG, 2, 1]] })],
    ['a negative quantity', cookie({ v: 1, lines: [[MUG, -1]] })],
    ['a zero quantity', cookie({ v: 1, lines: [[MUG, 0]] })],
    ['a fractional quantity', cookie({ v: 1, lines: [[MUG, 1.5]] })],
    ['a huge quantity', cookie({ v: 1, lines: [[MUG, 1e9]] })],
    ['an id that is not a product id', cookie({ v: 1, lines: [["1' OR 1=1", 1]] })],
    [
      'the same product twice',
      cookie({
        v: 1,
        lines: [
          [MUG, 1],
          [MUG, 2],
        ],
      }),
    ],
    [
      'more than 50 lines',
      cookie({
        v: 1,
        lines: Array.from({ length: 51 }, (_, i) => [
          `0b7c5f8e-8f0e-4a47-9a53-${String(i).padStart(12, '0')}`,
          1,
        ]),
      }),
    ],
    ['an unknown version', cookie({ v: 2, lines: [] })],
  ])('treats a tampered cookie (%s) as an empty cart and says so', (_case, value) => {
    expect(parseCart(value)).toEqual({ cart: { lines: [] }, isValid: false });
  });
});

describe('fields a client adds to the cookie', () => {
  it('are dropped: the parsed cart carries ids and quantities only', () => {
    const parsed = parseCart(cookie({ v: 1, lines: [[MUG, 1]], unitAmount: 1, currency: 'jpy' }));
    expect(parsed).toEqual({ cart: { lines: [{ productId: MUG, quantity: 1 }] }, isValid: true });
  });
});

describe('changing the cart', () => {
  it('adds to an existing line instead of duplicating it, capped at 99', () => {
    const cart = addLine(addLine({ lines: [] }, MUG, 60), MUG, 60);
    expect(cart.lines).toEqual([{ productId: MUG, quantity: 99 }]);
  });

  it('refuses a 51st different product', () => {
    let cart = { lines: [] as { productId: string; quantity: number }[] };
    for (let i = 0; i < MAX_LINES; i++)
      cart = addLine(cart, `0b7c5f8e-8f0e-4a47-9a53-${String(i).padStart(12, '0')}`, 1);
    expect(() => addLine(cart, MUG, 1)).toThrow(CartLimitError);
  });

  it('sets and removes lines and counts items', () => {
    let cart = addLine(addLine({ lines: [] }, MUG, 2), APRON, 1);
    expect(itemCount(cart)).toBe(3);
    cart = setQuantity(cart, MUG, 5);
    expect(itemCount(cart)).toBe(6);
    cart = removeLine(cart, MUG);
    expect(cart.lines).toEqual([{ productId: APRON, quantity: 1 }]);
  });
});
