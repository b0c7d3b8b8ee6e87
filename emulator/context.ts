// What every resource handler needs: the state, the clock, a way to record an event, and a way to
// finish work after the response (a test clock's advance).
import type Stripe from 'stripe';
import { newBalanceAccount, type BalanceAccount } from './balance/settings';
import type { Clock } from './clock';
import { newId } from './ids';
import type { EmulatorState } from './state';
import type { WebhookDispatcher } from './webhooks/delivery';

export const API_VERSION = '2026-10-28.endive';

export type EventType = Stripe.Event['type'];
/** The resource an event of type K carries, per the stripe package's own event types. */
export type EventObject<K extends EventType> = Extract<Stripe.Event, { type: K }>['data']['object'];

/** The API request that caused an event; null ids for events the customer or time caused. */
export interface RequestOrigin {
  id: string | null;
  idempotency_key: string | null;
}

export const AUTOMATIC: RequestOrigin = { id: null, idempotency_key: null };

export class EmulatorContext {
  constructor(
    readonly state: EmulatorState,
    readonly clock: Clock,
    readonly dispatcher: WebhookDispatcher,
    readonly baseUrl: string,
    readonly log: (line: string) => void,
    private readonly onChange: () => void,
  ) {}

  /** Fees, availability and payouts: `startEmulator({ balance })`, changed by the control API. */
  balance: BalanceAccount = newBalanceAccount();

  /** Records an event with a snapshot of the object as it is now, then sends it to endpoints. */
  emit<K extends EventType>(
    type: K,
    object: EventObject<K>,
    origin: RequestOrigin = AUTOMATIC,
    previousAttributes?: Record<string, unknown>,
  ): Stripe.Event {
    const data: Stripe.Event.Data = {
      object: JSON.parse(JSON.stringify(object)) as Stripe.Event.Data.Object,
      ...(previousAttributes ? { previous_attributes: previousAttributes } : {}),
    };
    const base: Stripe.EventBase = {
      id: newId('evt', 24),
      object: 'event',
      api_version: API_VERSION,
      // Events are dated in real time even for a test clock's objects (UNCONFIRMED): the event
      // list's 30 days and a store's reconcile cursor are account time, which no clock moves.
      created: this.clock.accountNow(),
      data,
      livemode: false,
      pending_webhooks: this.dispatcher.countRecipients(type),
      request: origin,
      type,
    };
    // EventBase checks every field; the union member is fixed by `type` matching `object` above.
    const event = base as Stripe.Event;
    this.state.events.set(event.id, event);
    this.dispatcher.dispatch(event);
    this.changed();
    return event;
  }

  changed(): void {
    this.onChange();
  }

  private readonly deferred = new Set<{ cancel: () => void; work: () => void }>();

  /**
   * Runs `work` after the current response has been sent (Stripe's asynchronous operations), or
   * `delayMs` later: what the issuer decides a little after the merchant submits evidence.
   */
  defer(work: () => void, delayMs = 0): void {
    const entry = { cancel: () => undefined as void, work };
    const run = (): void => {
      this.deferred.delete(entry);
      work();
    };
    if (delayMs > 0) {
      const timer = setTimeout(run, delayMs);
      entry.cancel = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(run);
      entry.cancel = () => clearImmediate(immediate);
    }
    this.deferred.add(entry);
  }

  /** Runs deferred work now, so that stopping never leaves an operation half done. */
  flushDeferred(): void {
    for (const entry of [...this.deferred]) {
      entry.cancel();
      this.deferred.delete(entry);
      entry.work();
    }
  }
}
