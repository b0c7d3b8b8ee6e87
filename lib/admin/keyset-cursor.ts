/**
 * A position in an admin list ordered by (timestamp, id): the row's timestamp exactly as Postgres
 * prints it (microseconds; a JS Date would round to milliseconds and skip rows) and its id, which
 * breaks ties. The orders list and the balance activity report page by it.
 */
export interface Cursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`).toString('base64url');
}

/**
 * A cursor from the URL whose id passes `isId`, or undefined for anything this module did not
 * write: the query casts both parts, and a value Postgres cannot read would fail the whole page.
 */
export function decodeCursor(
  value: string | undefined,
  isId: (id: string) => boolean,
): Cursor | undefined {
  if (!value || value.length > 200) return undefined;
  const [createdAt, id, ...rest] = Buffer.from(value, 'base64url').toString().split('|');
  const isValid =
    rest.length === 0 && createdAt && id && isPostgresTimestamp(createdAt) && isId(id);
  return isValid ? { createdAt, id } : undefined;
}

const TIMESTAMPTZ_TEXT =
  /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d{1,6})?[+-](\d\d)(:[0-5]\d){0,2}$/;

/**
 * Whether `text` is a timestamptz as Postgres prints it ("2025-03-10 12:34:56.123456+00") and one
 * Postgres will read back: a real calendar day (no 30 February), hours below 24, year 1 to 9999.
 */
function isPostgresTimestamp(text: string): boolean {
  const match = TIMESTAMPTZ_TEXT.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second, , offset] = match.slice(1).map(Number) as number[];
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!);
  return (
    year! >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60 &&
    offset! <= 15
  );
}
