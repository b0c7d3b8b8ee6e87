import { randomUUID } from 'node:crypto';
import { eq, like } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { db } from '@/db/client';
import { orderEvents, stripeEvents } from '@/db/schema';
import { MAX_WEBHOOK_BODY_BYTES } from '@/lib/webhooks/read-body';
import { fuzzSeed, mutate, seededRandom, type Random } from '@/tests/support/fuzz';
import { orderNow, pendingOrder } from './order-fixtures';
import {
  checkoutEvent,
  checkoutSession,
  completedSession,
  TEST_SECRET_KEY,
  TEST_WEBHOOK_SECRET,
} from './stripe-fixtures';

process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
process.env.STRIPE_SECRET_KEY = TEST_SECRET_KEY;

afterAll(async () => {
  await db().$client.end();
});

// At least 5,000 generated deliveries: only a correctly signed Stripe event earns a 2xx; everything
// else a 4xx; nothing a 5xx; and nothing invalid leaves a row behind.

const REQUESTS = 5_000;
const signer = new Stripe(TEST_SECRET_KEY);
const URL_ = 'http://localhost:3000/api/webhooks/stripe';

type Expectation = 'accepted' | 'refused';
interface Case {
  category: string;
  expect: Expectation;
  request: () => Request;
  /** For a valid event: its id, which must be recorded exactly once. */
  eventId?: string;
}

function sign(payload: string, options: { secret?: string; timestamp?: number } = {}): string {
  return signer.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? TEST_WEBHOOK_SECRET,
    timestamp: options.timestamp,
  });
}

function post(body: BodyInit, headers: Record<string, string>): Request {
  return new Request(URL_, {
    method: 'POST',
    headers,
    body,
    ...(body instanceof ReadableStream && { duplex: 'half' }),
  } as RequestInit);
}

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

/** A body that never ends: the route must stop reading at the limit, not buffer forever. */
function endlessBody(random: Random): ReadableStream<Uint8Array> {
  const chunk = random.bytes(64 * 1024);
  return new ReadableStream({ pull: (controller) => controller.enqueue(chunk) });
}

function generateCases(random: Random, prefix: string, target: string): Case[] {
  const cases: Case[] = [];
  const eventId = () => `evt_${prefix}${random.int(1e12)}`;
  const now = () => Math.floor(Date.now() / 1000);
  const validEvents: string[] = [];

  const generators: Array<() => Case> = [
    // Random bytes, with no signature, a garbage one, or one made over the bytes themselves.
    () => {
      const body = new Uint8Array(random.bytes(random.int(2048)));
      const header = random.pick(['none', 'garbage', 'signed'] as const);
      const headers: Record<string, string> = { ...JSON_TYPE };
      if (header === 'garbage') headers['Stripe-Signature'] = random.bytes(40).toString('base64');
      if (header === 'signed')
        headers['Stripe-Signature'] = sign(Buffer.from(body).toString('latin1'));
      return { category: 'random bytes', expect: 'refused', request: () => post(body, headers) };
    },
    // Truncated JSON: signed whole then cut, or cut then signed (signed, but not JSON).
    () => {
      const full = target;
      const cut = full.slice(0, 1 + random.int(full.length - 1));
      const header = random.chance(0.5) ? sign(full) : sign(cut);
      return {
        category: 'truncated JSON',
        expect: 'refused',
        request: () => post(cut, { ...JSON_TYPE, 'Stripe-Signature': header }),
      };
    },
    // A real "paid" event for a real pending order, changed after it was signed.
    () => {
      const header = sign(target);
      let body = mutate(random, target);
      if (body === target) body = `${target} `;
      return {
        category: 'mutated after signing',
        expect: 'refused',
        request: () => post(body, { ...JSON_TYPE, 'Stripe-Signature': header }),
      };
    },
    // Over the size limit: declared, or streamed without a length (and never ending).
    () => {
      const variant = random.pick(['declared', 'streamed', 'endless'] as const);
      const header = sign(target);
      if (variant === 'declared')
        return {
          category: 'over 1 MB',
          expect: 'refused',
          request: () =>
            post(target, {
              ...JSON_TYPE,
              'Content-Length': String(MAX_WEBHOOK_BODY_BYTES + 1 + random.int(1e9)),
              'Stripe-Signature': header,
            }),
        };
      if (variant === 'endless')
        return {
          category: 'over 1 MB',
          expect: 'refused',
          request: () => post(endlessBody(random), { ...JSON_TYPE, 'Stripe-Signature': header }),
        };
      const padding = ' '.repeat(MAX_WEBHOOK_BODY_BYTES + 1 - target.length + random.int(4096));
      const body = target + padding;
      return {
        category: 'over 1 MB',
        expect: 'refused',
        // Even correctly signed, a body this size is not Stripe's.
        request: () => post(body, { ...JSON_TYPE, 'Stripe-Signature': sign(body) }),
      };
    },
    // Wrong content types on unsigned or forged bodies.
    () => {
      const type = random.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        '',
        'application/json; charset=utf-16',
      ]);
      const body = random.chance(0.5) ? target : `event=${encodeURIComponent(target)}`;
      return {
        category: 'wrong content type',
        expect: 'refused',
        request: () =>
          post(body, {
            ...(type && { 'Content-Type': type }),
            'Stripe-Signature': sign(target, { secret: 'whsec_notours' }),
          }),
      };
    },
    // Stripe-Signature variants: old, foreign, malformed, repeated, scheme-less.
    () => {
      const t = now();
      const good = sign(target, { timestamp: t });
      const v1 = good.split(',v1=')[1]!;
      const header = random.pick([
        '',
        ' ',
        't=',
        `t=${t}`,
        `v1=${v1}`,
        `t=${t},v0=${v1}`,
        `t=abc,v1=${v1}`,
        `t=${t},v1=${v1.toUpperCase()}`,
        `t=${t},v1=${v1.slice(0, -1)}`,
        `t=${t + 1},v1=${v1}`,
        `t=${t},t=${t},v1=${'0'.repeat(64)}`,
        sign(target, { timestamp: t - 301 - random.int(100_000) }),
        sign(target, { secret: 'whsec_someoneelse' }),
        `${'t=1,'.repeat(2000)}v1=${v1}`,
        `t=${t},v1=${v1}`.replace('=', ' = '),
      ]);
      return {
        category: 'signature header variants',
        expect: 'refused',
        request: () => post(target, { ...JSON_TYPE, 'Stripe-Signature': header }),
      };
    },
    // Correctly signed, but not a Stripe event.
    () => {
      const body = random.pick([
        'null',
        '[]',
        '42',
        '"evt_"',
        '{}',
        JSON.stringify({ id: eventId(), type: 'checkout.session.completed', created: now() }),
        JSON.stringify({ id: 'not-an-event', type: 'x.y', created: now(), data: { object: {} } }),
        JSON.stringify({ id: eventId(), type: 42, created: now(), data: { object: {} } }),
        JSON.stringify({ id: eventId(), type: 'a.b', created: '2024', data: { object: {} } }),
        JSON.stringify({ id: eventId(), type: 'a.b', created: 1e15, data: { object: {} } }),
        JSON.stringify({ id: eventId(), type: 'a.b', created: now(), data: null }),
        JSON.stringify({ id: [eventId()], type: 'a.b', created: now(), data: { object: {} } }),
      ]);
      return {
        category: 'signed, not an event',
        expect: 'refused',
        request: () => post(body, { ...JSON_TYPE, 'Stripe-Signature': sign(body) }),
      };
    },
    // Valid: correctly signed events, some never seen, some repeated (duplicates answer 200 too).
    () => {
      let body: string;
      if (validEvents.length > 0 && random.chance(0.3)) {
        body = random.pick(validEvents);
      } else {
        const type = random.pick([
          'customer.created',
          'invoice.paid',
          'payment_intent.created',
          'checkout.session.expired',
        ]);
        const object =
          type === 'checkout.session.expired'
            ? {
                id: `cs_test_${prefix}${random.int(1e9)}`,
                object: 'checkout.session',
                metadata: { order_id: randomUUID() },
                status: 'expired',
              }
            : { id: `obj_${random.int(1e9)}` };
        body = JSON.stringify({
          id: eventId(),
          object: 'event',
          type,
          created: now(),
          livemode: false,
          data: { object },
        });
        validEvents.push(body);
      }
      return {
        category: 'valid signed event',
        expect: 'accepted',
        eventId: (JSON.parse(body) as { id: string }).id,
        request: () =>
          post(body, {
            ...(random.chance(0.2) ? { 'Content-Type': 'text/plain' } : JSON_TYPE),
            [random.pick(['Stripe-Signature', 'stripe-signature', 'STRIPE-SIGNATURE'])]: sign(body),
          }),
      };
    },
  ];

  while (cases.length < REQUESTS) cases.push(random.pick(generators)());
  return cases;
}

describe('webhook fuzzing', () => {
  beforeAll(() => {
    // Thousands of rejections would each log a line; the tally below is the record.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it(`${REQUESTS} generated deliveries: 2xx only for signed events, 4xx otherwise, never a 5xx, no rows from invalid input`, async () => {
    const seed = fuzzSeed();
    const random = seededRandom(seed);
    const prefix = `fuzz${seed}x`;
    const { order } = await pendingOrder();
    // What an attacker would most like to forge: "this order is paid".
    const target = JSON.stringify(
      checkoutEvent('checkout.session.completed', {
        ...completedSession(checkoutSession(order.id)),
      }),
    ).replace(/"id":"evt_/, `"id":"evt_${prefix}`);

    const cases = generateCases(random, prefix, target);
    const tally = new Map<string, { sent: number; byStatus: Map<string, number> }>();
    const wrong: string[] = [];
    const acceptedIds = new Set<string>();
    for (const fuzzCase of cases) {
      const response = await POST(fuzzCase.request());
      const { status } = response;
      const { outcome } = (await response.json()) as { outcome: string };
      const entry = tally.get(fuzzCase.category) ?? { sent: 0, byStatus: new Map() };
      entry.sent++;
      const key = `${status} ${outcome}`;
      entry.byStatus.set(key, (entry.byStatus.get(key) ?? 0) + 1);
      tally.set(fuzzCase.category, entry);
      const ok =
        fuzzCase.expect === 'accepted'
          ? status >= 200 && status < 300
          : status >= 400 && status < 500;
      if (!ok && wrong.length < 20) wrong.push(`${fuzzCase.category}: ${status} (seed ${seed})`);
      if (fuzzCase.eventId) acceptedIds.add(fuzzCase.eventId);
    }

    process.stdout.write(
      `webhook fuzz, seed ${seed}:\n${[...tally]
        .map(
          ([category, { sent, byStatus }]) =>
            `  ${category.padEnd(28)} ${String(sent).padStart(5)}  ${[...byStatus]
              .map(([status, count]) => `${status} ×${count}`)
              .join(' ')}`,
        )
        .join('\n')}\n`,
    );
    expect(wrong).toEqual([]);
    const fiveHundreds = [...tally.values()].flatMap(({ byStatus }) =>
      [...byStatus].filter(([status]) => status.startsWith('5')),
    );
    expect(fiveHundreds).toEqual([]);
    expect(cases).toHaveLength(REQUESTS);

    // Rows: exactly the valid events, and the real order untouched by every forgery.
    const recorded = await db()
      .select({ id: stripeEvents.id })
      .from(stripeEvents)
      .where(like(stripeEvents.id, `evt_${prefix}%`));
    expect(new Set(recorded.map((row) => row.id))).toEqual(acceptedIds);
    expect((await orderNow(order.id)).status).toBe('pending');
    expect(await db().select().from(orderEvents).where(eq(orderEvents.orderId, order.id))).toEqual(
      [],
    );
  }, 180_000);
});
