import { OrderItemsTable } from '@/components/order-items-table';
import { OrderShippingBilling, type InvoiceLinks } from '@/components/order-shipping-billing';
import { ShipmentStatus } from '@/components/shipment-status';
import type { CustomerOrderDetail } from '@/lib/customers/orders';
import { formatMoney } from '@/lib/money';
import { disputeLabel, ORDER_STATUS_LABELS } from '@/lib/orders/status';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

const REFUND_STATUS: Record<string, string> = {
  succeeded: 'Refunded',
  pending: 'Refund pending',
  requires_action: 'Refund pending',
  failed: 'Refund failed',
  canceled: 'Refund canceled',
};

/**
 * An order as its customer sees it: what was bought, what it cost, where it stands, where it
 * ships, its invoice, refunds.
 */
export function OrderDetail({
  order,
  invoice,
}: {
  order: CustomerOrderDetail;
  /** The store's invoice links, signed or not as the page was opened; null without an invoice. */
  invoice: InvoiceLinks | null;
}) {
  const dispute = disputeLabel(order.disputeStatus);
  return (
    <div className="flex flex-col gap-8">
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-line bg-white p-5 text-sm">
        <dt className="text-muted">Order number</dt>
        <dd className="font-medium tabular-nums">{order.number}</dd>
        <dt className="text-muted">Placed</dt>
        <dd>{dateFormat.format(order.createdAt)}</dd>
        <dt className="text-muted">Status</dt>
        <dd className="font-medium" data-testid="order-status">
          {ORDER_STATUS_LABELS[order.status]}
          {dispute ? ` · ${dispute}` : ''}
        </dd>
        {order.email ? (
          <>
            <dt className="text-muted">Email</dt>
            <dd>{order.email}</dd>
          </>
        ) : null}
      </dl>
      <OrderItemsTable order={order} />
      <ShipmentStatus shipment={order} />
      <OrderShippingBilling order={order} invoice={invoice} />
      {order.refunds.length > 0 ? (
        <section aria-labelledby="refunds-heading">
          <h2 id="refunds-heading" className="text-lg font-semibold">
            Refunds
          </h2>
          <ul className="mt-3 divide-y divide-line rounded-lg border border-line bg-white text-sm">
            {order.refunds.map((refund) => (
              <li
                key={refund.createdAt.toISOString()}
                className="flex justify-between gap-4 px-4 py-3"
              >
                <span>
                  {REFUND_STATUS[refund.status] ?? refund.status} on{' '}
                  {dateFormat.format(refund.createdAt)}
                </span>
                <span className="tabular-nums">{formatMoney(refund.amount, refund.currency)}</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-sm text-muted">
            Refunds reach your card within 5–10 business days.
          </p>
        </section>
      ) : null}
    </div>
  );
}
