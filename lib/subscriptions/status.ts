import type { Subscription } from '@/db/schema';

/** What a customer or admin reads for Stripe's subscription statuses; the one place these words are chosen. */
const LABELS: Record<string, string> = {
  incomplete: 'Starting',
  incomplete_expired: 'Never started',
  trialing: 'Trial',
  active: 'Active',
  past_due: 'Past due',
  unpaid: 'Unpaid',
  canceled: 'Canceled',
  paused: 'Paused',
};

export function subscriptionStatusLabel(status: string): string {
  return LABELS[status] ?? status;
}

export type StatusTone = 'good' | 'warn' | 'bad' | 'neutral';

export function subscriptionStatusTone(status: string): StatusTone {
  if (status === 'active' || status === 'trialing') return 'good';
  if (status === 'past_due' || status === 'unpaid' || status === 'incomplete') return 'warn';
  return 'neutral';
}

const PENDING_LABELS = {
  cancel: 'Cancellation requested: waiting for confirmation',
  resume: 'Resuming: waiting for confirmation',
  cancel_now: 'Canceling: waiting for confirmation',
} as const;

/** The pending change, in words, while Stripe's webhook has not confirmed it yet. */
export function pendingChangeLabel(change: Subscription['pendingChange']): string | null {
  return change ? (PENDING_LABELS[change as keyof typeof PENDING_LABELS] ?? null) : null;
}

/** "Renews on 12 June 2026", "Ends on 12 June 2026", "Ended on ...". */
export function renewalLine(subscription: Subscription): string | null {
  const when = (date: Date | null) =>
    date?.toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
  if (subscription.status === 'canceled')
    return subscription.endedAt ? `Ended on ${when(subscription.endedAt)}` : 'Ended';
  if (!subscription.currentPeriodEnd) return null;
  return subscription.cancelAtPeriodEnd
    ? `Ends on ${when(subscription.currentPeriodEnd)}`
    : `Renews on ${when(subscription.currentPeriodEnd)}`;
}
