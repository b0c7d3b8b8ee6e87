/**
 * The one rule for "where to go after signing in": a path on this site, or home. It serves the
 * Auth.js redirect callback, both sign-in pages and the return paths of "Subscribe".
 *
 * The value is resolved the way a browser resolves a Location header (the WHATWG URL parser:
 * tabs and newlines dropped, `\` read as `/`, `..` applied), and what comes back is the resolved
 * path, never the raw input: so `/\evil.example`, `/<TAB>/evil.example` or `/..//evil.example`,
 * which a browser would follow off-site, are refused instead of passed through.
 */

/** Stands in for this site's origin while resolving a path; it can never be anyone's. */
const THIS_SITE = 'https://this-site.invalid';

const MAX_LENGTH = 1000;

export interface ReturnPathOptions {
  /** Origins whose absolute URLs count as this site (APP_URL; Auth.js's own base URL). */
  origins?: string[];
  /** Only paths under this one ("/admin"). */
  within?: string;
}

/** The path to return to, or null when `value` is not a path on this site. */
export function safeReturnPath(value: unknown, options: ReturnPathOptions = {}): string | null {
  if (typeof value !== 'string' || value === '' || value.length > MAX_LENGTH) return null;
  const target = resolve(value, options.origins ?? []);
  // A path that starts with two slashes is another host's address to a browser.
  if (!target || target.pathname.startsWith('//')) return null;
  const path = `${target.pathname}${target.search}${target.hash}`;
  if (options.within && !isWithin(target.pathname, options.within)) return null;
  return path;
}

/** Where an admin goes after signing in: an /admin page other than the sign-in page, or /admin. */
export function adminReturnPath(value: unknown): string {
  const path = safeReturnPath(value, { within: '/admin' });
  return path && !isWithin(new URL(path, THIS_SITE).pathname, '/admin/sign-in') ? path : '/admin';
}

function resolve(value: string, origins: string[]): URL | null {
  try {
    if (value.startsWith('/')) {
      const target = new URL(value, THIS_SITE);
      return target.origin === THIS_SITE ? target : null;
    }
    const target = new URL(value);
    return origins.some((origin) => new URL(origin).origin === target.origin) ? target : null;
  } catch {
    return null;
  }
}

function isWithin(pathname: string, base: string): boolean {
  return pathname === base || pathname.startsWith(`${base}/`);
}
