import type { ReactNode } from 'react';
import type { OrderStatus, PayoutStatus } from '@/db/schema';
import { PAYOUT_STATUS_LABELS } from '@/lib/admin/money-rules';
import { ORDER_STATUS_LABELS } from '@/lib/orders/status';

const TONES = {
  good: 'border-accent/30 bg-accent/10 text-accent-strong',
  warn: 'border-warn/30 bg-warn/10 text-warn',
  bad: 'border-danger/30 bg-danger/10 text-danger',
  neutral: 'border-line bg-paper text-muted',
} as const;

export type Tone = keyof typeof TONES;

/** A status shown as words in a tinted pill: colour helps, the text carries the meaning. */
export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}

const ORDER_TONES: Record<OrderStatus, Tone> = {
  pending: 'neutral',
  processing: 'warn',
  authorized: 'warn',
  paid: 'good',
  partially_refunded: 'warn',
  refunded: 'neutral',
  failed: 'bad',
  expired: 'neutral',
  canceled: 'neutral',
};

export function OrderStatusBadge({
  status,
  disputed = false,
}: {
  status: OrderStatus;
  disputed?: boolean;
}) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={ORDER_TONES[status]}>{ORDER_STATUS_LABELS[status]}</Badge>
      {disputed ? <Badge tone="bad">Disputed</Badge> : null}
    </span>
  );
}

const PAYOUT_TONES: Record<PayoutStatus, Tone> = {
  pending: 'neutral',
  in_transit: 'warn',
  paid: 'good',
  failed: 'bad',
  canceled: 'neutral',
};

export function PayoutStatusBadge({ status }: { status: PayoutStatus }) {
  return <Badge tone={PAYOUT_TONES[status]}>{PAYOUT_STATUS_LABELS[status]}</Badge>;
}
