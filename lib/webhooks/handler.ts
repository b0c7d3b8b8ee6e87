import type { CommittedEffects } from '@/lib/orders/after-commit';
import type { Executor } from '@/db/client';
import type Stripe from 'stripe';

/** What a handler did with one event, recorded in stripe_events.result. */
export interface HandledEvent extends CommittedEffects {
  kind: 'processed' | 'ignored';
  detail: string;
}

export type StripeEventType = Stripe.Event['type'];
export type StripeEventOf<T extends StripeEventType> = Extract<Stripe.Event, { type: T }>;

/**
 * One handler per event type. It runs inside the dispatcher's transaction, after the event's
 * stripe_events row was inserted, and must not call Stripe: the signed event carries the object.
 * A thrown error rolls everything back and answers 500, so Stripe redelivers.
 */
export type WebhookHandler<T extends StripeEventType> = (
  tx: Executor,
  event: StripeEventOf<T>,
) => Promise<HandledEvent>;
