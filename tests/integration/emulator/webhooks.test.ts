import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import type { Delivery } from '@/emulator/webhooks/delivery';
import {
  clientFor,
  control,
  eventually,
  payOnHostedPage,
  sessionParams,
  startReceiver,
  type WebhookReceiver,
} from './emulator-harness';

let emulator: RunningEmulator;
let receiver: WebhookReceiver;
let stripe: Stripe;
const secret = 'whsec_test_emulator_secret';

beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await startEmulator({
    port: 0,
    webhookUrl: receiver.url,
    webhookSecret: secret,
    retryScheduleMs: [50, 100, 200],
  });
  stripe = clientFor(emulator);
});
afterAll(async () => {
  await emulator.stop();
  await receiver.close();
});
afterEach(async () => {
  await control(emulator, 'DELETE', '/faults');
});

function firstDelivery(
  eventType: string,
  sessionId: string,
): Promise<{ body: string; signature: string }> {
  return eventually(() => deliveriesOf(eventType, sessionId)[0], 'a delivery');
}

async function expireOne(): Promise<Stripe.Checkout.Session> {
  const session = await stripe.checkout.sessions.create(sessionParams());
  return stripe.checkout.sessions.expire(session.id);
}

function deliveriesOf(
  eventType: string,
  sessionId: string,
): Array<{ body: string; signature: string }> {
  return receiver.received
    .filter((hit) => hit.body.includes(sessionId) && hit.body.includes(`"type": "${eventType}"`))
    .map((hit) => ({ body: hit.body, signature: String(hit.headers['stripe-signature']) }));
}

describe('webhook signatures', () => {
  it('verify with constructEvent and the endpoint secret', async () => {
    const session = await expireOne();
    const hit = await firstDelivery('checkout.session.expired', session.id);
    const event = stripe.webhooks.constructEvent(hit.body, hit.signature, secret);
    expect(event.type).toBe('checkout.session.expired');
    expect((event.data.object as Stripe.Checkout.Session).id).toBe(session.id);
  });

  it('fail to verify with any other secret', async () => {
    const session = await expireOne();
    const hit = await firstDelivery('checkout.session.expired', session.id);
    expect(() => stripe.webhooks.constructEvent(hit.body, hit.signature, 'whsec_wrong')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });
});

describe('webhook retries', () => {
  it('retries a delivery the endpoint answered with a non-2xx', async () => {
    receiver.answers.push(500);
    const session = await expireOne();
    const hits = await eventually(() => {
      const found = deliveriesOf('checkout.session.expired', session.id);
      return found.length >= 2 && found;
    }, 'a retry');
    for (const hit of hits) {
      expect(stripe.webhooks.constructEvent(hit.body, hit.signature, secret).type).toBe(
        'checkout.session.expired',
      );
    }
    const { data } = await control<{ data: Delivery[] }>(emulator, 'GET', '/deliveries');
    const delivery = data.find((d) => d.eventId === JSON.parse(hits[0]!.body).id);
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
    expect(delivery?.status).toBe('succeeded');
  });

  it('a retried delivery is signed with a new timestamp', async () => {
    const slowReceiver = await startReceiver();
    // A retry a full second later must carry a later `t`, as each attempt is signed afresh.
    const slow = await startEmulator({
      port: 0,
      webhookUrl: slowReceiver.url,
      webhookSecret: secret,
      retryScheduleMs: [1000],
    });
    try {
      slowReceiver.answers.push(503);
      const client = clientFor(slow);
      const session = await client.checkout.sessions.create(sessionParams());
      await client.checkout.sessions.expire(session.id);
      await eventually(() => slowReceiver.received.length >= 2, 'the retry');
      const [first, second] = slowReceiver.received.map((hit) =>
        String(hit.headers['stripe-signature']),
      );
      const time = (header: string | undefined): number =>
        Number(/t=(\d+)/.exec(String(header))?.[1]);
      expect(time(second)).toBeGreaterThan(time(first));
      expect(
        client.webhooks.constructEvent(slowReceiver.received[1]!.body, second!, secret).type,
      ).toBe('checkout.session.expired');
    } finally {
      await slow.stop();
      await slowReceiver.close();
    }
  });

  it('gives up after the retry schedule is used up', async () => {
    receiver.answers.push(500, 500, 500, 500);
    const session = await expireOne();
    const failed = await eventuallyAsync(async () => {
      const { data } = await control<{ data: Delivery[] }>(emulator, 'GET', '/deliveries');
      return data.find(
        (d) => d.status === 'failed' && JSON.stringify(d).includes('checkout.session.expired'),
      );
    });
    expect(failed.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500, 500]);
    expect(session.status).toBe('expired');
  });

  it('resends a delivery on request', async () => {
    const session = await expireOne();
    await eventually(
      () => deliveriesOf('checkout.session.expired', session.id).length === 1,
      'the first delivery',
    );
    const { data } = await control<{ data: Delivery[] }>(emulator, 'GET', '/deliveries');
    const original = data.find(
      (d) =>
        d.status === 'succeeded' &&
        receiver.received.some(
          (hit) => hit.body.includes(d.eventId) && hit.body.includes(session.id),
        ),
    );
    await control(emulator, 'POST', `/deliveries/${original!.id}/resend`);
    await eventually(
      () => deliveriesOf('checkout.session.expired', session.id).length === 2,
      'the resend',
    );
  });
});

describe('delivery faults', () => {
  it('duplicates the next delivery', async () => {
    await control(emulator, 'POST', '/faults', { deliveries: { count: 1, duplicate: 2 } });
    const session = await expireOne();
    await eventually(
      () => deliveriesOf('checkout.session.expired', session.id).length === 3,
      'three copies',
    );
    const ids = deliveriesOf('checkout.session.expired', session.id).map(
      (hit) => JSON.parse(hit.body).id,
    );
    expect(new Set(ids).size).toBe(1);
  });

  it('drops the first attempt and delivers on the retry', async () => {
    await control(emulator, 'POST', '/faults', {
      deliveries: { count: 1, drop_first_attempt: true },
    });
    const session = await expireOne();
    await eventually(
      () => deliveriesOf('checkout.session.expired', session.id).length === 1,
      'the retried delivery',
    );
    const { data } = await control<{ data: Delivery[] }>(emulator, 'GET', '/deliveries');
    const eventId = JSON.parse(deliveriesOf('checkout.session.expired', session.id)[0]!.body).id;
    const delivery = data.find((d) => d.eventId === eventId);
    expect(delivery?.attempts[0]?.error).toBe('dropped by fault injection');
    expect(delivery?.attempts[1]?.status).toBe(200);
  });

  it('delivers every event of a shuffled window', async () => {
    await control(emulator, 'POST', '/faults', {
      deliveries: { count: 3, shuffle_window_ms: 100 },
    });
    const sessions = [await expireOne(), await expireOne(), await expireOne()];
    for (const session of sessions) {
      await eventually(
        () => deliveriesOf('checkout.session.expired', session.id).length === 1,
        'each delivery',
      );
    }
  });
});

describe('webhook endpoints', () => {
  it('adds an endpoint with its own secret through the control API', async () => {
    const second = await startReceiver();
    try {
      const endpoint = await control<{ id: string; secret: string }>(
        emulator,
        'POST',
        '/webhook-endpoints',
        {
          url: second.url,
          enabled_events: ['checkout.session.expired'],
        },
      );
      expect(endpoint.secret).toMatch(/^whsec_/);
      const session = await expireOne();
      await eventually(
        () => second.received.some((hit) => hit.body.includes(session.id)),
        'a delivery to the new endpoint',
      );
      const hit = second.received.find((h) => h.body.includes(session.id))!;
      expect(
        stripe.webhooks.constructEvent(
          hit.body,
          String(hit.headers['stripe-signature']),
          endpoint.secret,
        ).type,
      ).toBe('checkout.session.expired');
      const { data } = await control<{ data: unknown[] }>(emulator, 'GET', '/webhook-endpoints');
      expect(data).toHaveLength(2);
    } finally {
      await second.close();
    }
  });
});

describe('the events API', () => {
  it('waits for the checkout.session.completed delivery before redirecting', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    await payOnHostedPage(session, '4242424242424242');
    expect(deliveriesOf('checkout.session.completed', session.id)).toHaveLength(1);
  });

  it('retrieves an event and lists newest first with type, types and created filters', async () => {
    const session = await expireOne();
    const listed = await stripe.events.list({ type: 'checkout.session.*', limit: 100 });
    expect(listed.data.every((event) => event.type.startsWith('checkout.session.'))).toBe(true);
    const created = listed.data.map((event) => event.created);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const byTypes = await stripe.events.list({ types: ['checkout.session.expired'], limit: 1 });
    expect((byTypes.data[0]?.data.object as Stripe.Checkout.Session).id).toBe(session.id);
    const event = await stripe.events.retrieve(String(byTypes.data[0]?.id));
    expect(event.api_version).toBe('2026-10-28.endive');
    expect(event.request?.id).toMatch(/^req_/);
    const none = await stripe.events.list({ created: { gt: event.created + 3600 } });
    expect(none.data).toEqual([]);
  });
});

async function eventuallyAsync<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out');
}
