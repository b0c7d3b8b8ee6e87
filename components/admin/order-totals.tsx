import { Fragment } from 'react';
import type { Order } from '@/db/schema';
import { formatMoney } from '@/lib/money';
import { refundableAmountOf } from '@/lib/orders/state';
import { totalsRows } from '@/lib/orders/summary';

/**
 * What the order cost as Checkout totalled it (the customer's rows: subtotal − discount + shipping
 * + tax = total), then what was refunded and what the shop keeps.
 */
export function OrderTotals({ order }: { order: Order }) {
  const money = (amount: number) => formatMoney(amount, order.currency);
  return (
    <dl className="ml-auto grid w-full max-w-sm grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm [&_dd]:text-right [&_dd]:tabular-nums">
      {totalsRows(order).map((row) => (
        <Fragment key={row.kind}>
          <dt className="text-muted">{row.label}</dt>
          <dd className={row.kind === 'total' ? 'font-medium' : undefined}>{row.amount}</dd>
        </Fragment>
      ))}
      <dt className="text-muted">Refunded</dt>
      <dd>{money(order.amountRefunded)}</dd>
      <dt className="text-muted">Net</dt>
      <dd className="font-medium">{money(refundableAmountOf(order))}</dd>
    </dl>
  );
}
