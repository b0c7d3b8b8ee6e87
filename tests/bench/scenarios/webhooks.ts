import { inboxBacklog, paidInRange, pollUntil, waitForEmptyInbox } from '../inbox-progress';
import { load, type LoadResult } from '../load';
import { createPaidCheckouts, signedDeliveries, type PaidCheckout } from '../paid-checkouts';
import type { BenchMode, BenchStack } from '../stack';
import { check } from '../verdict';

/** The deliveries applied: from the first delivery sent to the poll that saw the last order paid. */
export interface AppliedRun {
  mode: BenchMode;
  events: number;
  /** null when not every order was paid within the timeout. */
  secondsToLastPaid: number | null;
  eventsPerSecond: number | null;
}

export interface WebhookResults {
  events: number;
  connections: number;
  bareRoute: LoadResult;
  verifyOnly: LoadResult;
  /** The route's answers: each delivery verified and recorded in the inbox, not yet applied. */
  ingest: LoadResult;
  applied: AppliedRun;
  duplicateStorm: LoadResult & { deliveries: number };
  naive: LoadResult & { events: number };
  /**
   * Shopfront's webhook as it was before the inbox (one transaction per delivery, answered after
   * the commit), in the same run: each answer is an event applied, so its req/s is the applied
   * events per second the inbox is compared with.
   */
  applyBeforeAnswer: LoadResult & { events: number };
  naiveDistant: LoadResult & { events: number; roundTripMs: number };
}

const WARM_UP = 500;

/** A typical round trip from a server to api.stripe.com; the emulator answers in about 1 ms. */
const STRIPE_ROUND_TRIP_MS = 100;

async function emulatorControl(stack: BenchStack, method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack.emulatorUrl}/_emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator ${method} ${path} answered ${response.status}`);
}

/** How long the inbox may take to apply what was delivered before the checks fail (s). */
const applyTimeoutSeconds = (events: number) =>
  Number(process.env.BENCH_APPLY_TIMEOUT_S ?? Math.max(60, events / 100));

/**
 * a. ingest `events` checkout.session.completed deliveries for as many pending orders, beside a
 *    route that only answers 200 and one that only verifies the signature, then wait for the
 *    inbox to apply them (polling the database) and time it: applied events per second;
 * b. the same events three more times, shuffled: nothing may change;
 * c. the naive template handler (a Stripe round trip per event) on its own orders.
 */
export async function runWebhookScenarios(
  stack: BenchStack,
  events: number,
  naiveEvents: number,
  baselineEvents: number,
): Promise<WebhookResults> {
  const connections = 50;
  // The first WARM_UP orders only warm the routes up (JIT, pools); the rest are measured. They come
  // sorted by order number, so the measured ones are the numbers first..last and no others.
  const all = await createPaidCheckouts(stack, WARM_UP + events, 'ours');
  const warmUp = all.slice(0, WARM_UP);
  const ours = all.slice(WARM_UP);
  const naive = await createPaidCheckouts(stack, naiveEvents, 'naive');
  const baseline = await createPaidCheckouts(stack, baselineEvents, 'baseline');
  const oursIds = ours.map((checkout) => checkout.orderId);
  const naiveIds = naive.map((checkout) => checkout.orderId);
  const url = (path: string) => `${stack.url}${path}`;

  // Signed just before each run: Stripe's signatures are only valid for 300 seconds.
  const deliveries = () =>
    signedDeliveries(
      stack,
      ours.map((checkout) => checkout.event),
    );
  const warmUpBodies = signedDeliveries(
    stack,
    warmUp.map((checkout) => checkout.event),
  );
  for (const path of ['/api/bench/noop', '/api/bench/verify', '/api/webhooks/stripe']) {
    await load({ url: url(path), connections, amount: WARM_UP, bodies: warmUpBodies });
  }
  // The warm-up's events are applied before anything is measured, not during the bare route.
  check(
    'warm-up: the inbox applied the warm-up deliveries',
    await waitForEmptyInbox(stack, 60_000),
    JSON.stringify(await inboxBacklog(stack)),
  );
  const bareRoute = await load({
    url: url('/api/bench/noop'),
    connections,
    amount: events,
    bodies: deliveries(),
  });
  const verifyOnly = await load({
    url: url('/api/bench/verify'),
    connections,
    amount: events,
    bodies: deliveries(),
  });
  const { ingest, applied, timeout } = await ingestAndApply(stack, ours, connections);
  await waitForEmptyInbox(stack, 10_000);
  const afterIngest = await tally(stack, oursIds);
  check(
    'applied: one paid timeline row per order',
    afterIngest.timeline === events,
    `${afterIngest.timeline} rows`,
  );
  check(
    'applied: one confirmation email per order',
    afterIngest.emails === events,
    `${afterIngest.emails} emails`,
  );
  check(
    'applied: every event recorded once',
    afterIngest.recorded === WARM_UP + events, // the warm-up deliveries were real events too
    `${afterIngest.recorded} stripe_events rows`,
  );
  const backlog = await inboxBacklog(stack);
  check(
    'applied: nothing left in the inbox, nothing failed',
    backlog.pending === 0 && backlog.failed === 0,
    JSON.stringify(backlog),
  );

  const storm = shuffled([...ours, ...ours, ...ours].map((checkout) => checkout.event));
  const duplicateStorm = await load({
    url: url('/api/webhooks/stripe'),
    connections,
    amount: storm.length,
    bodies: signedDeliveries(stack, storm),
  });
  check(
    'duplicate storm: every delivery answered 2xx',
    duplicateStorm.non2xx === 0 && duplicateStorm.errors === 0,
    `${duplicateStorm.non2xx} non-2xx`,
  );
  // A duplicate is answered without being made due again, but wait as for real events anyway.
  await waitForEmptyInbox(stack, timeout * 1000);
  const afterStorm = await tally(stack, oursIds);
  check(
    'duplicate storm: nothing changed',
    JSON.stringify(afterStorm) === JSON.stringify(afterIngest),
    JSON.stringify(afterStorm),
  );

  const applyBeforeAnswer = await load({
    url: url('/api/bench/apply-before-answer'),
    connections,
    amount: baselineEvents,
    bodies: signedDeliveries(
      stack,
      baseline.map((checkout) => checkout.event),
    ),
  });
  const afterBaseline = await tally(
    stack,
    baseline.map((checkout) => checkout.orderId),
  );
  check(
    'applied before answering (pre-inbox): every order is paid',
    applyBeforeAnswer.non2xx === 0 && afterBaseline.paid === baselineEvents,
    `${afterBaseline.paid} of ${baselineEvents} paid, ${applyBeforeAnswer.non2xx} non-2xx`,
  );

  const naiveRun = await load({
    url: url('/api/bench/naive-webhook'),
    connections,
    amount: naiveEvents,
    bodies: signedDeliveries(
      stack,
      naive.map((checkout) => checkout.event),
    ),
  });
  const afterNaive = await tally(stack, naiveIds);
  check(
    'naive: every order is paid',
    afterNaive.paid === naiveEvents,
    `${afterNaive.paid} of ${naiveEvents} paid`,
  );

  // The same handler when Stripe is as far away as it is in production: the emulator holds each
  // API answer for STRIPE_ROUND_TRIP_MS (its documented `api.delay_ms` fault).
  await stack.database
    .sql`UPDATE orders SET status = 'pending' WHERE id = ANY(${stack.database.sql.array(naiveIds)}::uuid[])`;
  await emulatorControl(stack, 'POST', '/faults', { api: { delay_ms: STRIPE_ROUND_TRIP_MS } });
  const naiveDistant = await load({
    url: url('/api/bench/naive-webhook'),
    connections,
    amount: naiveEvents,
    bodies: signedDeliveries(
      stack,
      naive.map((checkout) => checkout.event),
    ),
  });
  await emulatorControl(stack, 'DELETE', '/faults');
  const afterDistant = await tally(stack, naiveIds);
  check(
    'naive with a distant Stripe: every order is paid',
    afterDistant.paid === naiveEvents,
    `${afterDistant.paid} of ${naiveEvents} paid`,
  );

  return {
    events,
    connections,
    bareRoute,
    verifyOnly,
    ingest,
    applied,
    duplicateStorm: { ...duplicateStorm, deliveries: storm.length },
    naive: { ...naiveRun, events: naiveEvents },
    applyBeforeAnswer: { ...applyBeforeAnswer, events: baselineEvents },
    naiveDistant: { ...naiveDistant, events: naiveEvents, roundTripMs: STRIPE_ROUND_TRIP_MS },
  };
}

/**
 * Delivers `ours` (checkout.session.completed of consecutive order numbers) to the webhook route at
 * `connections` concurrency, then polls until the inbox has paid every order: the route's answers,
 * and applied events per second from the first delivery to the poll that saw the last order paid.
 */
async function ingestAndApply(
  stack: BenchStack,
  ours: PaidCheckout[],
  connections: number,
): Promise<{ ingest: LoadResult; applied: AppliedRun; timeout: number }> {
  const events = ours.length;
  const [first, last] = [ours[0]!.orderNumber, ours.at(-1)!.orderNumber];
  const ingest = await load({
    url: `${stack.url}/api/webhooks/stripe`,
    connections,
    amount: events,
    bodies: signedDeliveries(
      stack,
      ours.map((checkout) => checkout.event),
    ),
  });
  check(
    `ingest (${stack.mode}): every delivery answered 2xx`,
    ingest.non2xx === 0 && ingest.errors === 0,
    `${ingest.non2xx} non-2xx, ${ingest.errors} errors`,
  );
  const timeout = applyTimeoutSeconds(events);
  const lastPaidAt = await pollUntil(
    async () => (await paidInRange(stack, first, last)) === events,
    timeout * 1000,
  );
  const secondsToLastPaid = lastPaidAt === null ? null : (lastPaidAt - ingest.startedAt) / 1000;
  check(
    `applied (${stack.mode}): every order is paid within ${timeout} s`,
    lastPaidAt !== null,
    `${await paidInRange(stack, first, last)} of ${events} paid`,
  );
  return {
    ingest,
    applied: {
      mode: stack.mode,
      events,
      secondsToLastPaid,
      eventsPerSecond: secondsToLastPaid === null ? null : Math.round(events / secondsToLastPaid),
    },
    timeout,
  };
}

/**
 * The applied-events measurement alone, for another deployment (two instances behind nginx):
 * warm-up, then `events` deliveries and the time until every order is paid, exactly once.
 */
export async function runAppliedScenario(stack: BenchStack, events: number): Promise<AppliedRun> {
  const connections = 50;
  const all = await createPaidCheckouts(stack, WARM_UP + events, 'ours');
  const warmUp = all.slice(0, WARM_UP);
  await load({
    url: `${stack.url}/api/webhooks/stripe`,
    connections,
    amount: WARM_UP,
    bodies: signedDeliveries(
      stack,
      warmUp.map((checkout) => checkout.event),
    ),
  });
  check(
    `warm-up (${stack.mode}): the inbox applied the warm-up deliveries`,
    await waitForEmptyInbox(stack, 60_000),
    JSON.stringify(await inboxBacklog(stack)),
  );
  const ours = all.slice(WARM_UP);
  const { applied } = await ingestAndApply(stack, ours, connections);
  await waitForEmptyInbox(stack, 10_000);
  const after = await tally(
    stack,
    ours.map((checkout) => checkout.orderId),
  );
  check(
    `applied (${stack.mode}): one paid timeline row and one email per order`,
    after.timeline === events && after.emails === events,
    `${after.timeline} rows, ${after.emails} emails`,
  );
  return applied;
}

/** What the benchmark's orders look like now: the outcome the deliveries must produce, exactly once. */
async function tally(stack: BenchStack, orderIds: string[]) {
  const pg = stack.database.sql;
  const ids = pg.array(orderIds);
  const [row] = await pg<{ paid: number; timeline: number; emails: number; recorded: number }[]>`
    SELECT
      (SELECT count(*)::int FROM orders WHERE status = 'paid' AND id = ANY(${ids}::uuid[])) AS paid,
      (SELECT count(*)::int FROM order_events WHERE to_status = 'paid' AND order_id = ANY(${ids}::uuid[])) AS timeline,
      (SELECT count(*)::int FROM email_outbox WHERE order_id = ANY(${ids}::uuid[])) AS emails,
      (SELECT count(*)::int FROM stripe_events WHERE type = 'checkout.session.completed') AS recorded`;
  return row!;
}

function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
