import { Badge, type Tone } from './badge';

const LABELS: Record<string, { label: string; tone: Tone }> = {
  warning_needs_response: { label: 'Inquiry: response needed', tone: 'bad' },
  needs_response: { label: 'Response needed', tone: 'bad' },
  warning_under_review: { label: 'Inquiry under review', tone: 'warn' },
  under_review: { label: 'Under review', tone: 'warn' },
  warning_closed: { label: 'Inquiry closed', tone: 'neutral' },
  won: { label: 'Won', tone: 'good' },
  lost: { label: 'Lost', tone: 'neutral' },
};

export function DisputeStatusBadge({ status }: { status: string }) {
  const known = LABELS[status] ?? { label: status.replaceAll('_', ' '), tone: 'neutral' as const };
  return <Badge tone={known.tone}>{known.label}</Badge>;
}

/** "3 days left", "5 hours left", "overdue": what the deadline means now. */
export function timeLeft(dueBy: Date | null, now = Date.now()): string {
  if (!dueBy) return 'no deadline';
  const ms = dueBy.getTime() - now;
  if (ms <= 0) return 'overdue';
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 48) return `${Math.floor(hours / 24)} days left`;
  if (hours >= 1) return `${hours} hours left`;
  return 'less than an hour left';
}

/** Stripe's reasons, as a shop owner says them. */
export function disputeReason(reason: string): string {
  return reason.replaceAll('_', ' ');
}
