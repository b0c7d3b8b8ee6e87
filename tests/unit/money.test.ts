import { describe, expect, it } from 'vitest';
import {
  amountInputHint,
  formatMoney,
  MAX_AMOUNT,
  minorUnitDigits,
  parseMajorAmount,
} from '@/lib/money';

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
    expect(parseMajorAmount('4200', 'jpy')).toBe(4200);
    expect(parseMajorAmount('4200.5', 'jpy')).toBeNull();
  });

  it('knows three-decimal currencies', () => {
    expect(minorUnitDigits('kwd')).toBe(3);
    expect(parseMajorAmount('1.5', 'kwd')).toBe(1500);
    expect(parseMajorAmount('1.505', 'kwd')).toBe(1505);
  });

  it('reads typed major units as minor units without float drift', () => {
    expect(parseMajorAmount('19.99', 'usd')).toBe(1999);
    expect(parseMajorAmount('0.29', 'eur')).toBe(29);
    expect(parseMajorAmount(' 28.5 ', 'usd')).toBe(2850);
    expect(parseMajorAmount('1.13', 'usd')).toBe(113);
  });

  it('refuses typed amounts that are not plain decimals in the currency', () => {
    for (const typed of ['', '12.345', '-1', '1e3', '1,000', '12.', '.5', 'abc', '+5', 'NaN'])
      expect(parseMajorAmount(typed, 'usd'), typed).toBeNull();
  });

  it('refuses amounts beyond what the database holds, however they are written', () => {
    expect(parseMajorAmount('21474836.47', 'usd')).toBe(MAX_AMOUNT);
    expect(parseMajorAmount('21474836.48', 'usd')).toBeNull();
    expect(parseMajorAmount('999999999.99', 'usd')).toBeNull();
    expect(parseMajorAmount('2147483648', 'jpy')).toBeNull();
    expect(parseMajorAmount('9'.repeat(400), 'usd')).toBeNull();
    expect(parseMajorAmount(`${'0'.repeat(40)}12.50`, 'usd')).toBe(1250);
    expect(amountInputHint('usd')).toBe('Enter an amount such as 28.50, at most $21,474,836.47.');
    expect(amountInputHint('jpy')).toMatch(
      /^Enter an amount such as 500, at most [¥￥]2,147,483,647\.$/,
    );
  });

  it('refuses fractional minor units rather than rounding money silently', () => {
    expect(() => formatMoney(10.5, 'usd')).toThrow(RangeError);
  });
});
