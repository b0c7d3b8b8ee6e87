import { describe, expect, it } from 'vitest';
import { defaultShipTo } from '@/lib/cart/ship-to';

describe('the cart’s default “Ship to”', () => {
  const allowed = ['DK', 'NO', 'SE'];

  it('is the browser’s own region when the store ships there', () => {
    expect(defaultShipTo('sv-SE,sv;q=0.9,en;q=0.8', allowed)).toBe('SE');
  });

  it('follows the browser’s preferences, weights before order', () => {
    expect(defaultShipTo('en-US,nb-NO;q=0.9,da-DK;q=0.95', allowed)).toBe('DK');
    expect(defaultShipTo('de-DE;q=0,nb-NO;q=0.5', allowed)).toBe('NO');
  });

  it('reads scripts and lower-case regions (zh-Hant-TW, sv-se)', () => {
    expect(defaultShipTo('zh-Hant-TW', ['TW'])).toBe('TW');
    expect(defaultShipTo('sv-se', allowed)).toBe('SE');
  });

  it('falls back to the first country offered when the browser names none the store ships to', () => {
    expect(defaultShipTo('en-US,en;q=0.9', allowed)).toBe('DK');
    expect(defaultShipTo(null, allowed)).toBe('DK');
    expect(defaultShipTo('fr', ['NO', 'SE'])).toBe('NO');
  });

  it('is nothing when the store ships nowhere', () => {
    expect(defaultShipTo('sv-SE', [])).toBeNull();
  });
});
