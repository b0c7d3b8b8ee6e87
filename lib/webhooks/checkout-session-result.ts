import type { FulfilmentResult } from '@/lib/checkout/fulfilment';
import type { HandledEvent } from './handler';

/** A checkout session handler's fulfilment result, as the one line stripe_events records. */
export function handledCheckoutSession(result: FulfilmentResult): HandledEvent {
  if (result.kind === 'unknown_order')
    return { kind: 'ignored', detail: result.reason, queuedEmailIds: [], releasedStock: false };
  const order = `order ${result.orderNumber}`;
  return {
    kind: 'processed',
    detail: result.changed
      ? `${order} ${result.fromStatus} → ${result.status}`
      : `${order} stays ${result.status}`,
    queuedEmailIds: result.queuedEmailId === null ? [] : [result.queuedEmailId],
    releasedStock: result.releasedStock,
  };
}
