import { trackingUrl } from '@/lib/shipments/tracking';

/**
 * A tracking number, linked to its carrier's tracking page when the store knows the carrier
 * (lib/shipments/tracking.ts); plain text otherwise. The admin's order page and the customer's.
 */
export function TrackingLink({
  carrier,
  trackingNumber,
  className,
}: {
  carrier: string | null;
  trackingNumber: string;
  className: string;
}) {
  const link = trackingUrl(carrier, trackingNumber);
  if (!link) return trackingNumber;
  return (
    <a href={link} target="_blank" rel="noopener noreferrer" className={className}>
      {trackingNumber}
      <span className="sr-only"> (track your parcel on {carrier}’s site, opens in a new tab)</span>
    </a>
  );
}
