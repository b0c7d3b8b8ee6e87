import type { FulfilmentStatus } from '@/db/schema';

/** What the admin and the customer read for each fulfilment status; the one place these words are chosen. */
export const FULFILMENT_LABELS: Record<FulfilmentStatus, string> = {
  unfulfilled: 'Not shipped',
  shipped: 'Shipped',
  delivered: 'Delivered',
  returned: 'Returned',
};

/** The customer's sentence for where their parcel is. */
export function customerFulfilmentMessage(status: FulfilmentStatus): string {
  switch (status) {
    case 'unfulfilled':
      return 'We are preparing your order for shipping.';
    case 'shipped':
      return 'Your order is on its way.';
    case 'delivered':
      return 'Your order has been delivered.';
    case 'returned':
      return 'Your order was returned to us.';
  }
}
