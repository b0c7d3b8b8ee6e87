import type { PostalAddress } from '@/db/schema';

// The one place that names countries until lib/shipping/countries.ts (issue 18) takes over.
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** "SE" → "Sweden"; a code Intl does not know stays as it is. */
export function countryName(code: string): string {
  try {
    return REGION_NAMES.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** A postal address as the lines of an envelope, empty parts left out, the country by name. */
export function addressLines(name: string | null, address: PostalAddress | null): string[] {
  if (!address) return name ? [name] : [];
  const cityLine = [address.postal_code, address.city, address.state].filter(Boolean).join(' ');
  return [
    name,
    address.line1,
    address.line2,
    cityLine,
    address.country ? countryName(address.country) : null,
  ].filter((line): line is string => Boolean(line));
}
