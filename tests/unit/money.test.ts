import { describe, expect, it } from 'vitest';
import { formatMoney, minorUnitDigits, toMinorUnits } from '@/lib/money';

// Intl separates some currency symbols with a no-break space; compare what a reader sees.
const readable = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  it('formats US dollars from cents', () => {
    expect(formatMoney(2800, 'usd')).toBe('$28.00');
    expect(formatMoney(1999, 'USD')).toBe('$19.99');
    expect(formatMoney(0, 'usd')).toBe('$0.00');
  });

  it('formats Swedish kronor the way Swedes read them', () => {
    expect(readable(formatMoney(28000, 'sek'))).toBe('280,00 kr');
    expect(readable(formatMoney(123450, 'sek'))).toBe('1 234,50 kr');
  });

  it('treats yen as a zero-decimal currency: 4200 is ¥4,200, not ¥42', () => {
    expect(minorUnitDigits('jpy')).toBe(0);
    expect(formatMoney(4200, 'jpy')).toMatch(/^[¥￥]4,200$/);
    expect(toMinorUnits(4200, 'jpy')).toBe(4200);
  });

  it('knows three-decimal currencies', () => {
    expect(minorUnitDigits('kwd')).toBe(3);
    expect(toMinorUnits(1.5, 'kwd')).toBe(1500);
  });

  it('converts major units to minor units without float drift', () => {
    expect(toMinorUnits(19.99, 'usd')).toBe(1999);
    expect(toMinorUnits(0.29, 'eur')).toBe(29);
  });

  it('refuses fractional minor units rather than rounding money silently', () => {
    expect(() => formatMoney(10.5, 'usd')).toThrow(RangeError);
  });
});
