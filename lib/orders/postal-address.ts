import type { PostalAddress } from '@/db/schema';

const regions = new Intl.DisplayNames(['en'], { type: 'region' });

/** "US" → "United States"; a code Intl does not know stays as it is. */
export function countryName(code: string): string {
  try {
    return regions.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/**
 * An address as lines, in the order Stripe's Dashboard prints them (street, "city, state
 * postcode", country): one shape for every country, since the store keeps no per-country formats.
 * Empty parts are left out; no address gives no lines.
 */
export function postalAddressLines(address: PostalAddress | null | undefined): string[] {
  if (!address) return [];
  const locality = [
    address.city,
    [address.state, address.postal_code].filter(Boolean).join(' '),
  ].filter(Boolean);
  return [
    address.line1,
    address.line2,
    locality.join(', '),
    address.country ? countryName(address.country) : null,
  ].filter((line): line is string => Boolean(line && line.trim()));
}

/** Who receives the goods and where, as the lines of an envelope (no address: the name alone). */
export function addressLines(name: string | null, address: PostalAddress | null): string[] {
  return [...(name ? [name] : []), ...postalAddressLines(address)];
}
