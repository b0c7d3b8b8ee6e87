/**
 * A text cell a spreadsheet would run as a formula: one starting with = + - @, tab or carriage
 * return (OWASP's CSV-injection list), also after leading whitespace, which Excel and LibreOffice
 * skip before reading a formula (" =1+1", "\n@SUM(...)", a no-break or zero-width space).
 */
const FORMULA_START = /^[\s\u200b]*[=+\-@\t\r]/;

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * An amount we wrote ourselves from integer minor units (formatDecimal's "-12.50"). It goes out
 * as a number: a refund or payout is negative, and the apostrophe a text cell starting with "-"
 * gets would turn it into text that a spreadsheet's SUM skips. Anything but a plain decimal is
 * escaped as text.
 */
export interface CsvDecimal {
  decimal: string;
}

/**
 * One CSV cell (RFC 4180 quoting). A formula-looking text cell gets a leading apostrophe, as
 * OWASP advises, so "=HYPERLINK(...)" typed as a customer name arrives as text. Numbers and
 * CsvDecimals pass unchanged.
 */
export function csvCell(value: string | number | CsvDecimal | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object')
    return PLAIN_DECIMAL.test(value.decimal) ? value.decimal : csvCell(value.decimal);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: Array<string | number | CsvDecimal | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A timestamp cell: ISO 8601 in UTC, which every spreadsheet reads as a date. */
export function csvTime(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
