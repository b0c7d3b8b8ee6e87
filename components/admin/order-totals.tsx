import type { Order } from '@/db/schema';
import { formatMoney } from '@/lib/money';
import { refundableAmountOf } from '@/lib/orders/state';

/**
 * What the order cost as Checkout totalled it (subtotal − discount + shipping + tax = total), then
 * what was refunded and what the shop keeps. Lines the order does not have are left out.
 */
export function OrderTotals({ order }: { order: Order }) {
  const money = (amount: number) => formatMoney(amount, order.currency);
  return (
    <dl className="ml-auto grid w-full max-w-sm grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm [&_dd]:text-right [&_dd]:tabular-nums">
      <dt className="text-muted">Subtotal</dt>
      <dd>{money(order.amountSubtotal)}</dd>
      {order.amountDiscount > 0 || order.promotionCode ? (
        <>
          <dt className="text-muted">
            Discount{order.promotionCode ? <> (code {order.promotionCode})</> : null}
          </dt>
          <dd>−{money(order.amountDiscount)}</dd>
        </>
      ) : null}
      {order.amountShipping > 0 || order.shippingRateName ? (
        <>
          <dt className="text-muted">
            Shipping{order.shippingRateName ? ` (${order.shippingRateName})` : ''}
          </dt>
          <dd>{money(order.amountShipping)}</dd>
        </>
      ) : null}
      {order.amountTax > 0 ? (
        <>
          <dt className="text-muted">Tax</dt>
          <dd>{money(order.amountTax)}</dd>
        </>
      ) : null}
      <dt className="text-muted">Total</dt>
      <dd className="font-medium">{money(order.amountTotal)}</dd>
      <dt className="text-muted">Refunded</dt>
      <dd>{money(order.amountRefunded)}</dd>
      <dt className="text-muted">Net</dt>
      <dd className="font-medium">{money(refundableAmountOf(order))}</dd>
    </dl>
  );
}
