import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '@/lib/admin/csv';
import { parseOrderFilters, orderFilterParams } from '@/lib/admin/order-filters';
import { decodeCursor, encodeCursor } from '@/lib/admin/keyset-cursor';
import { isUuid } from '@/lib/platform/identifiers';

describe('CSV cells', () => {
  it('writes our own decimals, negative ones too, as numbers a spreadsheet sums', () => {
    expect(csvRow([{ decimal: '-12.50' }, { decimal: '0.00' }, '-12.50'])).toBe(
      "-12.50,0.00,'-12.50\r\n",
    );
    // Anything else that claims to be a decimal is escaped as text.
    expect(csvCell({ decimal: '-1+2' })).toBe("'-1+2");
  });

  it('neutralises anything a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    );
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    // Spreadsheets skip leading whitespace before reading a formula.
    expect(csvCell(' =1+1')).toBe("' =1+1");
    expect(csvCell('\t=cmd|x')).toBe("'\t=cmd|x");
    expect(csvCell('\r\n@SUM(A1)')).toBe(`"'\r\n@SUM(A1)"`);
    expect(csvCell('\u00a0+1')).toBe("'\u00a0+1");
    expect(csvCell('\u200b-1')).toBe("'\u200b-1");
    expect(csvCell('  Jane')).toBe('"  Jane"');
  });

  it('quotes commas, quotes and line breaks, and leaves numbers and plain text alone', () => {
    expect(csvCell('Doe, Jane')).toBe('"Doe, Jane"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['jane@example.com', 1042, null])).toBe('jane@example.com,1042,\r\n');
  });
});

describe('order filters in the URL', () => {
  it('round-trip, keeping several statuses and dropping malformed values', () => {
    const filters = parseOrderFilters(
      new URLSearchParams(
        'status=paid&status=refunded&status=bogus&from=2025-01-01&to=nope&q=%20jane%20&min=10&max=abc',
      ),
    );
    expect(filters).toEqual({
      statuses: ['paid', 'refunded'],
      fulfilment: [],
      from: '2025-01-01',
      to: undefined,
      q: 'jane',
      min: '10',
      max: undefined,
    });
    expect(orderFilterParams(filters).toString()).toBe(
      'status=paid&status=refunded&from=2025-01-01&q=jane&min=10',
    );
  });
});

describe('order list input beyond what the database holds', () => {
  it('drops amounts over the integer column and days Postgres cannot read', () => {
    const filters = parseOrderFilters(
      new URLSearchParams('min=99999999999&max=21474836.48&from=0000-01-01&to=9999-12-31'),
      'usd',
    );
    expect(filters).toMatchObject({
      min: undefined,
      max: undefined,
      from: undefined,
      to: undefined,
    });
    // In yen the same column holds 2,147,483,647 whole units, and no decimals.
    expect(parseOrderFilters({ min: '21474836.47', max: '2147483647' }, 'jpy')).toMatchObject({
      min: undefined,
      max: '2147483647',
    });
  });

  it('reads back the cursors it wrote, and nothing else', () => {
    const id = '0b8a2f7e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
    const cursor = { createdAt: '2025-03-10 12:34:56.123456+00', id };
    expect(decodeCursor(encodeCursor(cursor), isUuid)).toEqual(cursor);
    expect(
      decodeCursor(encodeCursor({ ...cursor, createdAt: '2025-03-10 12:34:56+05:30' }), isUuid),
    ).toEqual({ ...cursor, createdAt: '2025-03-10 12:34:56+05:30' });
    const forged = [
      { createdAt: '2025-02-30 00:00:00+00', id },
      { createdAt: '2025-99-99 99:99:99+00', id },
      { createdAt: '0000-01-01 00:00:00+00', id },
      { createdAt: '2025-03-10 24:00:00+00', id },
      { createdAt: '2025-03-10T12:34:56Z', id },
      { createdAt: '2025-03-10 12:34:56+00', id: '-'.repeat(36) },
      { createdAt: '2025-03-10 12:34:56+00', id: `${id}|x` },
    ];
    for (const value of forged)
      expect(decodeCursor(encodeCursor(value), isUuid), value.createdAt).toBeUndefined();
    for (const raw of ['', '%%%', 'x'.repeat(5000), Buffer.from('|').toString('base64url')])
      expect(decodeCursor(raw, isUuid)).toBeUndefined();
  });
});
