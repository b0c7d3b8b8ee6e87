/**
 * The carriers the admin ships with, and where a customer follows a parcel. The one home of the
 * tracking link: the shipping email, the admin's order page and the customer's order page all
 * call trackingUrl.
 */
export const CARRIERS = ['UPS', 'USPS', 'FedEx', 'DHL', 'Royal Mail', 'PostNord', 'Other'] as const;
export type Carrier = (typeof CARRIERS)[number];

export const TRACKING_NUMBER_MAX = 100;

// Each carrier's public tracking page, with the number as a query or fragment value.
const TRACKING_PAGES: Record<Exclude<Carrier, 'Other'>, (number: string) => string> = {
  UPS: (n) => `https://www.ups.com/track?tracknum=${n}`,
  USPS: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  FedEx: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  DHL: (n) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${n}`,
  'Royal Mail': (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
  PostNord: (n) => `https://tracking.postnord.com/?id=${n}`,
};

export function isCarrier(value: string): value is Carrier {
  return (CARRIERS as readonly string[]).includes(value);
}

/** The carrier's tracking page for this parcel; null for "Other" or a carrier the list no longer has. */
export function trackingUrl(carrier: string | null, trackingNumber: string | null): string | null {
  if (!carrier || !trackingNumber || !isCarrier(carrier) || carrier === 'Other') return null;
  return TRACKING_PAGES[carrier](encodeURIComponent(trackingNumber));
}

export type TrackingNumberResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * What the admin typed, as stored: trimmed, 1 to 100 characters, nothing unprintable. The known
 * carriers' numbers are letters and digits (UPS 1Z…, Royal Mail AB123456789GB, …), often copied
 * from a label in groups ("1Z 999 AA1 …"), so their spaces are removed; "Other" keeps the text as
 * typed, since a local courier's reference may be anything printable.
 */
export function readTrackingNumber(carrier: Carrier, typed: string): TrackingNumberResult {
  const trimmed = typed.trim();
  const value = carrier === 'Other' ? trimmed.replace(/\s+/g, ' ') : trimmed.replace(/\s+/g, '');
  if (value === '') return { ok: false, message: 'Enter the tracking number.' };
  if (value.length > TRACKING_NUMBER_MAX)
    return {
      ok: false,
      message: `A tracking number has at most ${TRACKING_NUMBER_MAX} characters.`,
    };
  if (/\p{C}/u.test(value))
    return { ok: false, message: 'The tracking number holds characters that cannot be printed.' };
  if (carrier !== 'Other' && !/^[A-Za-z0-9-]+$/.test(value))
    return {
      ok: false,
      message: `A ${carrier} tracking number has only letters, digits and hyphens.`,
    };
  return { ok: true, value };
}
