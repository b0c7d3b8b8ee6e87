import { Fragment } from 'react';
import type { Order } from '@/db/schema';
import { addressLines } from '@/lib/orders/postal-address';
import { disputeShippingWarning, FRAUD_HOLD_MESSAGE, whyNotShippable } from '@/lib/shipments/state';
import { TrackingLink } from '@/components/tracking-link';
import { AlertCallout } from './alert-callout';
import { FulfilmentBadge } from './fulfilment-badge';
import { FulfilmentForms } from './fulfilment-forms';
import { formatAdminTime } from './orders-table';

/**
 * The order page's Fulfilment section: where the goods go and where they are, what holds them,
 * and the next step's form. `fraudHold` is the actionable early fraud warning, if any
 * (lib/shipments/fraud-hold.ts).
 */
export function FulfilmentPanel({
  order,
  fraudHold,
}: {
  order: Order;
  fraudHold: { id: string; fraudType: string } | null;
}) {
  const status = order.fulfilmentStatus;
  if (status === null)
    return <p className="text-sm text-muted">Nothing to ship: none of this order’s items ship.</p>;
  const address = addressLines(order.shippingName, order.shippingAddress);
  const unpaid = whyNotShippable(order.status);
  const disputeWarning = disputeShippingWarning(order.disputeStatus);
  const isHeld = status === 'unfulfilled' && fraudHold !== null;
  const dates = [
    ['Shipped', order.shippedAt],
    ['Delivered', order.deliveredAt],
    ['Returned', order.returnedAt],
  ] as const;

  return (
    <div className="flex flex-col gap-3">
      <p>
        <FulfilmentBadge status={status} />
      </p>
      {isHeld ? (
        <AlertCallout title="Fulfilment is held">
          <p>{FRAUD_HOLD_MESSAGE}</p>
          <p>Warning: {fraudHold.fraudType.replaceAll('_', ' ')}.</p>
        </AlertCallout>
      ) : null}
      {disputeWarning && status === 'unfulfilled' ? (
        <p
          role="note"
          className="rounded-md border border-warn/30 bg-warn/10 px-3 py-2 text-sm text-warn"
        >
          {disputeWarning}
        </p>
      ) : null}
      <dl className="grid gap-1 text-sm">
        <dt className="text-muted">Ship to</dt>
        <dd>
          {address.length > 0 ? (
            <address className="not-italic">
              {address.map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          ) : (
            '—'
          )}
        </dd>
        <dt className="text-muted">Shipping rate</dt>
        <dd>{order.shippingRateName ?? '—'}</dd>
        {order.shippingCarrier ? (
          <>
            <dt className="text-muted">Carrier</dt>
            <dd>{order.shippingCarrier}</dd>
            <dt className="text-muted">Tracking number</dt>
            <dd className="break-all">
              <TrackingLink
                carrier={order.shippingCarrier}
                trackingNumber={order.trackingNumber ?? ''}
                className="underline underline-offset-2"
              />
            </dd>
          </>
        ) : null}
        {dates.map(([label, at]) =>
          at ? (
            <Fragment key={label}>
              <dt className="text-muted">{label}</dt>
              <dd>{formatAdminTime(at)}</dd>
            </Fragment>
          ) : null,
        )}
      </dl>
      {status === 'unfulfilled' && unpaid ? (
        <p className="text-sm text-muted">Not ready to ship: {unpaid}.</p>
      ) : null}
      <FulfilmentForms
        orderId={order.id}
        orderNumber={order.number}
        status={status}
        canShip={unpaid === null}
        isHeld={isHeld}
      />
    </div>
  );
}
