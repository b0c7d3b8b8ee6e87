import type { Order, OrderStatus } from '@/db/schema';

/** What a customer or admin reads for each status; the one place these words are chosen. */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending: 'Awaiting payment',
  processing: 'Payment processing',
  authorized: 'Payment authorized',
  paid: 'Paid',
  partially_refunded: 'Partially refunded',
  refunded: 'Refunded',
  failed: 'Payment failed',
  expired: 'Expired',
  canceled: 'Canceled',
};

/** A sentence for the customer on the success page. */
export function customerStatusMessage(status: OrderStatus): string {
  switch (status) {
    case 'paid':
      return 'Thank you! Your payment went through and your order is confirmed.';
    case 'processing':
      return 'Thank you! Your payment is processing; we’ll email you as soon as it clears.';
    case 'authorized':
      return 'Thank you! Your card has been authorized and will be charged when your order ships.';
    case 'pending':
      return 'We’re still waiting for confirmation of your payment. This page updates when you reload it.';
    case 'failed':
      return 'Your payment did not go through, and nothing was charged.';
    default:
      return `This order is ${ORDER_STATUS_LABELS[status].toLowerCase()}.`;
  }
}

/**
 * A dispute runs beside the status: an open one shows as "Disputed", a closed one says how it
 * ended. Null when the order was never disputed.
 */
export function disputeLabel(status: Order['disputeStatus']): string | null {
  switch (status) {
    case null:
      return null;
    case 'needs_response':
    case 'warning_needs_response':
      return 'Disputed: response needed';
    case 'under_review':
    case 'warning_under_review':
      return 'Disputed: under review';
    case 'won':
      return 'Dispute won';
    case 'lost':
      return 'Dispute lost';
    case 'warning_closed':
      return 'Dispute inquiry closed';
  }
}
