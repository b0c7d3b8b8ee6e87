/**
 * What became of one webhook delivery, as a named outcome rather than a status code chosen inside a
 * handler. Stripe retries every non-2xx, so "do not retry" is a 2xx with the reason recorded.
 */
export type WebhookOutcome =
  /** Recorded in the inbox; applied after the response (lib/webhooks/inbox.ts). */
  | { kind: 'received'; detail: string }
  /** Recorded and applied (by a caller that applies at once: reconcile, scripts, tests). */
  | { kind: 'processed'; detail: string }
  /** Recorded; its payment is not on any order yet, so it waits in the inbox until it is. */
  | { kind: 'waiting'; detail: string }
  /** Recorded, but applying it failed: the inbox keeps it with its error and retries it. */
  | { kind: 'failed'; detail: string }
  /** The event id was already recorded: this delivery changes nothing. */
  | { kind: 'duplicate'; detail: string }
  /** Recorded, but there is nothing to do (a type we do not handle, an order we do not know). */
  | { kind: 'ignored'; detail: string }
  /** Not provably from Stripe: nothing read, nothing written. */
  | { kind: 'invalid_signature'; detail: string }
  /** Signed, but not shaped like a Stripe event (no evt_ id, type or time): nothing written. */
  | { kind: 'invalid_event'; detail: string }
  /** Larger than any Stripe event (MAX_WEBHOOK_BODY_BYTES), or unreadable: refused unread. */
  | { kind: 'payload_too_large'; detail: string }
  | { kind: 'unreadable_body'; detail: string }
  /** No signing secret: we cannot tell Stripe from anyone else, so we read nothing. */
  | { kind: 'not_configured'; detail: string }
  /** The event could not be recorded (the database): nothing was committed; Stripe redelivers. */
  | { kind: 'retryable_error'; detail: string };

export type WebhookOutcomeKind = WebhookOutcome['kind'];

/** The one place outcomes become HTTP. */
export function httpStatusOf(outcome: WebhookOutcome): number {
  switch (outcome.kind) {
    case 'received':
    case 'processed':
    case 'waiting':
    case 'failed':
    case 'duplicate':
    case 'ignored':
      return 200;
    case 'invalid_signature':
    case 'invalid_event':
    case 'unreadable_body':
      return 400;
    case 'payload_too_large':
      return 413;
    case 'not_configured':
    case 'retryable_error':
      return 500;
  }
}
