import type { OrderStatus } from '@/db/schema';

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
