import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '@/lib/admin/csv';
import { parseOrderFilters, orderFilterParams } from '@/lib/admin/order-filters';

describe('CSV cells', () => {
  it('neutralises anything a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    );
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
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
