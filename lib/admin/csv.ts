/**
 * A text cell a spreadsheet would run as a formula: one starting with = + - @, tab or carriage
 * return (OWASP's CSV-injection list), also after leading whitespace, which Excel and LibreOffice
 * skip before reading a formula (" =1+1", "\n@SUM(...)", a no-break or zero-width space).
 */
const FORMULA_START = /^[\s\u200b]*[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180 quoting). A formula-looking text cell gets a leading apostrophe, as
 * OWASP advises, so "=HYPERLINK(...)" typed as a customer name arrives as text. Numbers pass
 * unchanged.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: Array<string | number | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
