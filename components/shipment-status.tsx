import { Fragment } from 'react';
import type { Order } from '@/db/schema';
import { customerFulfilmentMessage, FULFILMENT_LABELS } from '@/lib/shipments/status';
import { TrackingLink } from '@/components/tracking-link';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

export type Shipment = Pick<
  Order,
  | 'fulfilmentStatus'
  | 'shippingCarrier'
  | 'trackingNumber'
  | 'shippedAt'
  | 'deliveredAt'
  | 'returnedAt'
>;

/**
 * Where the customer's parcel is: the status in words, the carrier and the tracking number (linked
 * to the carrier's tracking page), and when it shipped, arrived or came back. Nothing for an order
 * with nothing to ship.
 */
export function ShipmentStatus({ shipment }: { shipment: Shipment }) {
  const status = shipment.fulfilmentStatus;
  if (status === null) return null;
  const dates = [
    ['Shipped', shipment.shippedAt],
    ['Delivered', shipment.deliveredAt],
    ['Returned', shipment.returnedAt],
  ] as const;
  return (
    <section aria-labelledby="shipment-heading" className="flex flex-col gap-3">
      <h2 id="shipment-heading" className="text-lg font-semibold">
        Delivery
      </h2>
      <div className="flex flex-col gap-3 rounded-lg border border-line bg-white p-5 text-sm">
        <p className="font-medium">{customerFulfilmentMessage(status)}</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
          <dt className="text-muted">Status</dt>
          <dd data-testid="fulfilment-status">{FULFILMENT_LABELS[status]}</dd>
          {shipment.shippingCarrier ? (
            <>
              <dt className="text-muted">Carrier</dt>
              <dd>{shipment.shippingCarrier}</dd>
            </>
          ) : null}
          {shipment.trackingNumber ? (
            <>
              <dt className="text-muted">Tracking number</dt>
              <dd className="break-all">
                <TrackingLink
                  carrier={shipment.shippingCarrier}
                  trackingNumber={shipment.trackingNumber}
                  className="font-medium underline underline-offset-2"
                />
              </dd>
            </>
          ) : null}
          {dates.map(([label, at]) =>
            at ? (
              <Fragment key={label}>
                <dt className="text-muted">{label}</dt>
                <dd>{dateFormat.format(at)}</dd>
              </Fragment>
            ) : null,
          )}
        </dl>
      </div>
    </section>
  );
}
