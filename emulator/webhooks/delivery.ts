// Sends events to webhook endpoints the way Stripe does: a signed JSON POST, any non-2xx answer
// (3xx included) or a timeout counts as a failure and is retried with backoff, each attempt signed
// afresh with the current time. Every attempt is kept so the control API can show and resend it.
import type Stripe from 'stripe';
import { newId } from '../ids';
import { wantsEvent, type WebhookEndpoint } from './endpoints';
import { noDeliveryFaults, shuffled, takeFault, type DeliveryFaults } from './faults';
import { signatureHeader } from './signing';

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  signatureTimestamp: number | null;
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  url: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: DeliveryAttempt[];
}

export interface DispatcherOptions {
  /** Wait before each retry; its length is the number of retries. */
  retryScheduleMs: number[];
  timeoutMs: number;
  log: (line: string) => void;
  onDelivered: (eventId: string) => void;
}

interface Job {
  delivery: Delivery;
  event: Stripe.Event;
  endpoint: WebhookEndpoint;
  fault: DeliveryFaults | null;
}

export class WebhookDispatcher {
  readonly endpoints = new Map<string, WebhookEndpoint>();
  readonly deliveries = new Map<string, Delivery>();
  faults: DeliveryFaults = noDeliveryFaults();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private shuffleBuffer: Job[] = [];
  private stopped = false;

  constructor(private readonly options: DispatcherOptions) {}

  /** How many endpoints will receive an event of this type (Stripe's `pending_webhooks`). */
  countRecipients(type: string): number {
    let count = 0;
    for (const endpoint of this.endpoints.values()) if (wantsEvent(endpoint, type)) count++;
    return count;
  }

  dispatch(event: Stripe.Event): void {
    for (const endpoint of this.endpoints.values()) {
      if (!wantsEvent(endpoint, event.type)) continue;
      const fault = takeFault(this.faults);
      const copies = 1 + (fault?.duplicate ?? 0);
      for (let copy = 0; copy < copies; copy++) {
        this.enqueue({ delivery: this.record(event, endpoint), event, endpoint, fault });
      }
    }
  }

  resend(deliveryId: string): Delivery | undefined {
    const original = this.deliveries.get(deliveryId);
    const endpoint = original && this.endpoints.get(original.endpointId);
    const event = original && this.events?.(original.eventId);
    if (!original || !endpoint || !event) return undefined;
    const delivery = this.record(event, endpoint);
    this.enqueue({ delivery, event, endpoint, fault: null });
    return delivery;
  }

  /** Looks events up for resends; set by the emulator, which owns them. */
  events?: (eventId: string) => Stripe.Event | undefined;

  /** Resolves once no delivery of the event is pending, or after `timeoutMs`. */
  settled(eventId: string, timeoutMs: number): Promise<void> {
    if (!this.hasPending(eventId)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.waiters.get(eventId)?.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.timers.add(timer);
      const set = this.waiters.get(eventId) ?? new Set();
      set.add(done);
      this.waiters.set(eventId, set);
    });
  }

  reset(): void {
    this.clearTimers();
    this.deliveries.clear();
    this.shuffleBuffer = [];
    this.faults = noDeliveryFaults();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    for (const controller of this.inFlight) controller.abort();
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private record(event: Stripe.Event, endpoint: WebhookEndpoint): Delivery {
    const delivery: Delivery = {
      id: newId('whdel', 20),
      eventId: event.id,
      eventType: event.type,
      endpointId: endpoint.id,
      url: endpoint.url,
      status: 'pending',
      attempts: [],
    };
    this.deliveries.set(delivery.id, delivery);
    return delivery;
  }

  private enqueue(job: Job): void {
    if (job.fault && job.fault.shuffleWindowMs > 0) {
      if (this.shuffleBuffer.length === 0) {
        this.later(job.fault.shuffleWindowMs, () => {
          const batch = shuffled(this.shuffleBuffer);
          this.shuffleBuffer = [];
          for (const held of batch) void this.attempt(held);
        });
      }
      this.shuffleBuffer.push(job);
      return;
    }
    if (job.fault && job.fault.delayMs > 0) {
      this.later(job.fault.delayMs, () => void this.attempt(job));
      return;
    }
    void this.attempt(job);
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private async attempt(job: Job): Promise<void> {
    if (this.stopped) return;
    const { delivery, event, endpoint } = job;
    const number = delivery.attempts.length + 1;
    const started = Date.now();
    const entry: DeliveryAttempt = {
      attempt: number,
      at: new Date(started).toISOString(),
      signatureTimestamp: null,
      status: null,
      error: null,
      durationMs: 0,
    };
    if (number === 1 && job.fault?.dropFirstAttempt) {
      entry.error = 'dropped by fault injection';
    } else {
      await this.post(event, endpoint, entry);
    }
    entry.durationMs = Date.now() - started;
    delivery.attempts.push(entry);
    const ok = entry.status !== null && entry.status >= 200 && entry.status < 300;
    this.options.log(
      `webhook ${event.type} ${event.id} -> ${endpoint.url} attempt ${number}: ${entry.status ?? entry.error}`,
    );
    if (ok) return this.finish(delivery, 'succeeded');
    const wait = this.options.retryScheduleMs[number - 1];
    if (wait === undefined || this.stopped) return this.finish(delivery, 'failed');
    this.later(wait, () => void this.attempt(job));
  }

  private async post(
    event: Stripe.Event,
    endpoint: WebhookEndpoint,
    entry: DeliveryAttempt,
  ): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    // Signed with the wall clock, not the emulator's advanced clock: constructEvent checks the
    // timestamp's age against the receiver's real time.
    const timestamp = Math.floor(Date.now() / 1000);
    entry.signatureTimestamp = timestamp;
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Stripe-Signature': signatureHeader(payload, endpoint.secret, timestamp),
        },
        body: payload,
      });
      entry.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      entry.error = controller.signal.aborted ? 'timed out' : String((error as Error).message);
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  private finish(delivery: Delivery, status: 'succeeded' | 'failed'): void {
    delivery.status = status;
    if (status === 'succeeded') this.options.onDelivered(delivery.eventId);
    if (this.hasPending(delivery.eventId)) return;
    for (const done of [...(this.waiters.get(delivery.eventId) ?? [])]) done();
    this.waiters.delete(delivery.eventId);
  }

  private hasPending(eventId: string): boolean {
    for (const delivery of this.deliveries.values()) {
      if (delivery.eventId === eventId && delivery.status === 'pending') return true;
    }
    return false;
  }
}
