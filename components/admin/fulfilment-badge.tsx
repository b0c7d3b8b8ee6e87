import type { FulfilmentStatus } from '@/db/schema';
import { FULFILMENT_LABELS } from '@/lib/shipments/status';
import { Badge, type Tone } from './badge';

const TONES: Record<FulfilmentStatus, Tone> = {
  unfulfilled: 'warn',
  shipped: 'good',
  delivered: 'good',
  returned: 'neutral',
};

/** Where the order's goods are, beside its payment status; an order with nothing to ship has none. */
export function FulfilmentBadge({ status }: { status: FulfilmentStatus | null }) {
  if (status === null) return <span className="text-xs text-muted">Nothing to ship</span>;
  return <Badge tone={TONES[status]}>{FULFILMENT_LABELS[status]}</Badge>;
}
