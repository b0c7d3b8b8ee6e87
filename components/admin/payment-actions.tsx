import {
  cancelAuthorizationAction,
  captureOrderAction,
  refundOrderAction,
} from '@/lib/orders/admin-actions';
import type { Order } from '@/db/schema';
import { formatMoney } from '@/lib/money';
import { isRefundable, refundableAmountOf } from '@/lib/orders/state';
import { hasShipped } from '@/lib/orders/shipped-confirmation';
import { CancelAuthorizationForm } from './cancel-authorization-form';
import { ConfirmActionForm } from './confirm-action-form';
import { RefundForm } from './refund-form';

/**
 * Refund, capture and cancel, offered only where the order's status allows them. `requestId` is
 * new on every render, so a double-submitted refund is one refund, while a second deliberate one
 * (after the page refreshes) is its own.
 */
export function PaymentActions({ order, requestId }: { order: Order; requestId: string }) {
  const refundable = refundableAmountOf(order);
  const total = formatMoney(order.amountTotal, order.currency);
  const shipped = hasShipped(order.fulfilmentStatus);
  if (order.status === 'authorized') {
    return (
      <div className="flex flex-col gap-3">
        <p className="text-sm">{total} is authorized on the customer’s card and not yet charged.</p>
        <ConfirmActionForm
          action={captureOrderAction}
          hidden={{ orderId: order.id }}
          label="Capture payment…"
          question={`Charge the customer ${total} now?`}
          confirmLabel="Capture"
          pendingLabel="Capturing…"
        />
        <CancelAuthorizationForm
          action={cancelAuthorizationAction}
          orderId={order.id}
          shipped={shipped}
        />
      </div>
    );
  }
  if (isRefundable(order)) {
    return (
      <div className="flex flex-col gap-3">
        <p className="text-sm">
          <span className="tabular-nums">{formatMoney(refundable, order.currency)}</span> of {total}{' '}
          can be refunded.
        </p>
        <RefundForm
          action={refundOrderAction}
          orderId={order.id}
          requestId={requestId}
          refundable={refundable}
          currency={order.currency}
          shipped={shipped}
        />
      </div>
    );
  }
  return (
    <p className="text-sm text-muted">
      {order.status === 'refunded'
        ? `Fully refunded (${formatMoney(order.amountRefunded, order.currency)}).`
        : 'No payment actions for an order in this state.'}
    </p>
  );
}
