// npm run test:chaos: orders paid through the emulator while webhooks are duplicated, shuffled,
// failed and delayed, the store is SIGKILLed and restarted twice and its database connections are
// cut once; then retries, a reconcile, and a check that nothing was lost or done twice.
// CHAOS_ORDERS sets the number of orders (1,000 by default; CI runs 60). Exits 1 on any finding.
// CHAOS_INSTANCES=2: two instances behind nginx (README "Several instances"), customers and
// webhooks spread by the load balancer; one instance is SIGKILLed while events it acknowledged
// wait to be applied (their drains held on the orders' row locks), the other is restarted.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import Stripe from 'stripe';
import { startEmulator } from '@/emulator';
import { HANDLED_EVENT_TYPES } from '@/lib/webhooks/dispatch';
import { freePort } from '@/scripts/processes';
import { seededRandom } from '@/tests/support/fuzz';
import { startStoreServer, type StoreServer } from '@/tests/support/store-server';
import { createTestDatabase } from '@/tests/support/test-database';
import { startFakeSmtpServer } from '@/tests/integration/email/fake-smtp-server';
import { findNginx, startLoadBalancer, type LoadBalancer } from '@/tests/support/load-balancer';
import { startFaultProxy } from './fault-proxy';
import { postCardForm } from '@/tests/support/hosted-page';
import { checkOutcome, printSummary, type DriverRecord } from './verify';

const execFileAsync = promisify(execFile);
const ORDERS = Number(process.env.CHAOS_ORDERS ?? 1000);
const INSTANCES = Number(process.env.CHAOS_INSTANCES ?? 1);
const CONCURRENCY = 16;
const SECRET = 'whsec_chaostestsecret';
const KEY = 'sk_test_chaos';
const CRON_SECRET = 'chaos-cron-secret-0123456789';
/** Time the reconcile runs at: past every order's expiry (31 min). */
const LATER_MS = 35 * 60 * 1000;

async function main() {
  const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const random = seededRandom(seed);
  if (INSTANCES !== 1 && INSTANCES !== 2) throw new Error('CHAOS_INSTANCES is 1 or 2');
  const nginx = INSTANCES === 2 ? findNginx() : undefined;
  if (INSTANCES === 2 && !nginx)
    throw new Error('CHAOS_INSTANCES=2 needs nginx: sudo apt-get install -y nginx (or NGINX_PATH)');
  console.log(
    `chaos: ${ORDERS} orders, seed ${seed}${INSTANCES === 2 ? ', two instances behind nginx' : ''}`,
  );

  const database = await createTestDatabase('shopfront_chaos');
  const harnessSql = postgres(database.url, {
    max: 4,
    onnotice: () => {},
    connection: { application_name: 'chaos-harness' },
  });
  const smtp = await startFakeSmtpServer();
  // Each instance restarts on its own port (nginx's upstream, or the webhook endpoint's URL).
  const ports: number[] = [];
  for (let i = 0; i < INSTANCES; i++) ports.push(await portOutsideEphemeralRange(ports));
  const balancerPort = INSTANCES === 2 ? await portOutsideEphemeralRange(ports) : null;
  // Where customers and Stripe reach the store: the one instance, or the load balancer.
  const storeUrl = `http://127.0.0.1:${balancerPort ?? ports[0]}`;
  const proxy = await startFaultProxy(await freePort(), () => storeUrl, random.next);
  const emulator = await startEmulator({
    port: 0,
    webhookUrl: `${proxy.url}/api/webhooks/stripe`,
    webhookSecret: SECRET,
    // Stripe's schedule compressed: a restart takes seconds, so some events outlive the retries
    // and only the reconcile recovers them.
    retryScheduleMs: [300, 1000, 2500, 5000],
    log: () => {},
  });
  const stripe = new Stripe(KEY, { host: '127.0.0.1', port: emulator.port, protocol: 'http' });
  const control = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${emulator.url}/_emulator${route}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as unknown;
  };

  // Three products with stock to count, one unlimited; plenty for every order.
  const products = await harnessSql<Array<{ id: string; stock: number | null }>>`
    INSERT INTO products (slug, name, unit_amount, currency, stock)
    VALUES ('chaos-mug', 'Chaos Mug', 1800, 'usd', ${ORDERS * 3}),
           ('chaos-bowl', 'Chaos Bowl', 2600, 'usd', ${ORDERS * 3}),
           ('chaos-plate', 'Chaos Plate', 900, 'usd', ${ORDERS * 3}),
           ('chaos-tea', 'Chaos Tea', 1200, 'usd', NULL)
    RETURNING id, stock`;
  const initialStock = new Map(products.map((product) => [product.id, product.stock]));

  if (!existsSync('.next/standalone/server.js') || process.env.CHAOS_BUILD === '1') {
    execFileSync('npm', ['run', 'build'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: database.url },
    });
  }
  rmSync('.next/standalone/.next/cache', { recursive: true, force: true });
  const storeEnv = {
    DATABASE_URL: database.url,
    APP_URL: storeUrl,
    STRIPE_API_BASE: emulator.url,
    STRIPE_SECRET_KEY: KEY,
    STRIPE_WEBHOOK_SECRET: SECRET,
    ALLOW_STRIPE_EMULATOR_IN_PRODUCTION: 'true',
    BENCH_ROUTES: 'true',
    SMTP_URL: smtp.url,
    CRON_SECRET,
    AUTH_SECRET: 'chaos-run-signs-no-real-session-0123456789',
  };
  if (INSTANCES === 2) Object.assign(storeEnv, { TRUSTED_PROXY_HOPS: '1' });
  const instances: StoreServer[] = [];
  for (const port of ports) instances.push(await startStoreServer(port, storeEnv));
  const balancer: LoadBalancer | null =
    balancerPort === null
      ? null
      : await startLoadBalancer(
          nginx!,
          balancerPort,
          instances.map((instance) => instance.url),
        );
  await control('POST', '/faults', {
    deliveries: { count: 1_000_000, duplicate: 2, shuffle_window_ms: 250 },
  });

  const disruptions: string[] = [];
  let disrupting = Promise.resolve();
  let acknowledgedAtKill = 0;
  const atProgress = new Map<number, () => Promise<void>>(
    INSTANCES === 1
      ? [
          [Math.floor(ORDERS * 0.25), () => restart(0, 'SIGKILL #1', 'SIGKILL')],
          [Math.floor(ORDERS * 0.5), () => terminateConnections()],
          [Math.floor(ORDERS * 0.75), () => restart(0, 'SIGKILL #2', 'SIGKILL')],
        ]
      : [
          [Math.floor(ORDERS * 0.25), () => killWhileAcknowledgedEventsWait()],
          [Math.floor(ORDERS * 0.5), () => terminateConnections()],
          [Math.floor(ORDERS * 0.75), () => restart(1, 'instance B restarted', 'SIGTERM')],
        ],
  );
  async function restart(index: number, label: string, signal: NodeJS.Signals) {
    await instances[index]!.kill(signal);
    disruptions.push(`${label} at ${new Date().toISOString()}`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    instances[index] = await startStoreServer(ports[index]!, storeEnv);
  }
  /**
   * Every order row locked for a moment, as a long transaction would: both instances go on
   * acknowledging deliveries (recording an event touches no order) while their drains wait on the
   * locks. Instance A is SIGKILLed with those events acknowledged and not applied; its open
   * transactions die with it. Then the locks go, and instance B (and A once it is back) must
   * apply every acknowledged event exactly once.
   */
  async function killWhileAcknowledgedEventsWait() {
    await harnessSql.begin(async (tx) => {
      // SKIP LOCKED: rows a drain holds now are left to it, so the harness never deadlocks with one.
      await tx`SELECT id FROM orders FOR UPDATE SKIP LOCKED`;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const [row] = await harnessSql<Array<{ count: number }>>`
        SELECT count(*)::int AS count FROM stripe_events WHERE state = 'received'`;
      acknowledgedAtKill = row!.count;
      await instances[0]!.kill('SIGKILL');
    });
    disruptions.push(
      `instance A SIGKILLed with ${acknowledgedAtKill} acknowledged events not applied, at ${new Date().toISOString()}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    instances[0] = await startStoreServer(ports[0]!, storeEnv);
  }
  async function terminateConnections() {
    const killed = await harnessSql`
      SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'shopfront'`;
    disruptions.push(`pg_terminate_backend: ${killed.length} store connections`);
  }

  // The customers: check out (the store's checkout, through its bench route), then 80% pay on
  // the hosted page and half of those land on the success page; the rest abandon the session.
  const records: DriverRecord[] = [];
  let started = 0;
  let finished = 0;
  const begin = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started < ORDERS) {
        const index = started++;
        const product = products[index % products.length]!;
        const record: DriverRecord = {
          index,
          productId: product.id,
          quantity: 1 + (index % 3),
          intent: random.chance(0.8) ? 'pay' : 'abandon',
          orderId: null,
          outcome: 'checkout_failed',
          failedAttempts: 0,
        };
        records.push(record);
        await customer(record);
        finished++;
        const disruption = atProgress.get(finished);
        if (disruption) {
          atProgress.delete(finished);
          // One at a time: a second restart must not begin while the first is still starting.
          disrupting = disrupting.then(disruption);
          await disrupting;
        }
      }
    }),
  );
  const driveSeconds = (Date.now() - begin) / 1000;

  async function customer(record: DriverRecord) {
    // A customer whose click fails (the store is down or died mid-request) clicks again. An order
    // the failed attempt may have left behind is an interrupted checkout, checked at the end.
    let url: string | undefined;
    for (let attempt = 0; attempt < 40 && !url; attempt++) {
      try {
        const response = await fetch(`${storeUrl}/api/bench/checkout`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ productId: record.productId, quantity: record.quantity }),
        });
        if (response.ok) url = ((await response.json()) as { url: string }).url;
        else record.failedAttempts++;
      } catch {
        record.failedAttempts++;
      }
      if (!url) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (!url) return;
    const sessionId = url.split('/').pop()!;
    const session = await stripe.checkout.sessions.retrieve(sessionId);
    record.orderId = session.metadata?.order_id ?? null;
    if (record.intent === 'abandon') {
      record.outcome = 'abandoned';
      return;
    }
    const paid = await postCardForm(url, '4242 4242 4242 4242', {
      email: `chaos-${record.index}@example.com`,
      name: 'Chaos Customer',
    });
    if (paid.status !== 303) throw new Error(`paying ${sessionId} answered ${paid.status}`);
    record.outcome = 'paid';
    if (record.index % 2 === 0) {
      // The customer's browser follows the redirect: the success page fulfils too, racing the webhook.
      await fetch(paid.headers.get('location')!).catch(() => undefined);
    }
  }

  // Half an hour later: every session still open (abandoned, or left by a killed request) expires
  // at Stripe, as its expires_at passes; the emulator's control API runs that schedule now, and
  // every retry runs its course.
  await expireOpenSessions(stripe, control);
  await waitForDeliveries(control);
  // The store's own clock is moved for its reconcile, so checkouts interrupted before they had a
  // session are past their expiry too. Asynchronously: the emulator lives in this process and must
  // keep answering meanwhile. The shift goes in NODE_OPTIONS: tsx runs the script in a child
  // process that inherits it.
  const reconcile = async () =>
    (
      await execFileAsync(
        process.execPath,
        [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/reconcile.ts'],
        {
          env: {
            ...process.env,
            ...storeEnv,
            NODE_ENV: 'production',
            NODE_OPTIONS: `--import=${path.resolve('tests/chaos/clock-ahead.mjs')}`,
            CLOCK_OFFSET_MS: String(LATER_MS),
          },
          encoding: 'utf8',
        },
      )
    ).stdout;
  const firstReconcile = await reconcile();
  const secondReconcile = await reconcile();
  // Mail claimed by a server that was then killed is due again when its 10-minute claim ends
  // (Postgres's clock, which the shift above cannot move): end those claims, as time would, and
  // let the cron's mail pass resend them. What that resend delivers is counted below.
  const expiredClaims = await harnessSql`
    UPDATE email_outbox SET next_attempt_at = now()
     WHERE status = 'queued' AND attempts > 0 AND next_attempt_at > now() RETURNING id`;
  const thirdReconcile = await reconcile();
  // Mail sent by the store after its responses, or by the reconcile, has had time to arrive.
  await new Promise((resolve) => setTimeout(resolve, 1000));

  const handledTypes = new Set<string>(HANDLED_EVENT_TYPES);
  const emulatorEvents: string[] = [];
  for await (const event of stripe.events.list({ limit: 100 }))
    if (handledTypes.has(event.type)) emulatorEvents.push(event.id);

  const outcome = await checkOutcome({
    sql: harnessSql,
    records,
    initialStock,
    emulatorEventIds: emulatorEvents,
    mail: smtp.received,
  });
  if (INSTANCES === 2 && acknowledgedAtKill === 0)
    outcome.problems.push(
      'instance A was killed with no acknowledged event waiting: the scenario did not happen',
    );
  printSummary({
    seed,
    orders: ORDERS,
    driveSeconds,
    disruptions,
    proxy: proxy.tally,
    reconcileReports: [
      summarizeReconcile(firstReconcile),
      summarizeReconcile(secondReconcile),
      `${expiredClaims.length} mail claims of killed senders ended; ${summarizeReconcile(thirdReconcile)}`,
    ],
    failedClicks: records.reduce((sum, record) => sum + record.failedAttempts, 0),
    outcome,
  });

  await balancer?.stop();
  for (const instance of instances) await instance.stop();
  await emulator.stop();
  await proxy.close();
  await smtp.close();
  await harnessSql.end();
  await database.dispose();
  process.exit(outcome.problems.length === 0 ? 0 : 1);
}

/**
 * The store restarts on the same port (the webhook endpoint's URL). A port from the ephemeral
 * range can be taken while it is down: Linux may give a client connecting to the dead port that
 * very port as its own source (a TCP self-connect), and the restart then fails with EADDRINUSE.
 */
async function portOutsideEphemeralRange(taken: number[] = []): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    if (taken.includes(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port between 20000 and 30000');
}

async function expireOpenSessions(
  stripe: Stripe,
  control: (method: string, route: string) => Promise<unknown>,
) {
  const open: string[] = [];
  for await (const session of stripe.checkout.sessions.list({ status: 'open', limit: 100 }))
    open.push(session.id);
  for (const id of open) await control('POST', `/checkout/sessions/${id}/expire`);
}

async function waitForDeliveries(control: (method: string, route: string) => Promise<unknown>) {
  for (let i = 0; i < 600; i++) {
    const { data } = (await control('GET', '/deliveries')) as { data: Array<{ status: string }> };
    if (data.every((delivery) => delivery.status !== 'pending')) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('webhook deliveries never settled');
}

function summarizeReconcile(output: string): string {
  const json = output.slice(output.indexOf('{'));
  try {
    const report = JSON.parse(json) as {
      events: { listed: number; applied: number; failed: number };
      pendingOrders: {
        checked: number;
        changed: number;
        failed: number;
        interruptedCanceled?: number;
      };
      mail: { sent: number };
    };
    return `events listed ${report.events.listed}, applied ${report.events.applied}, failed ${report.events.failed}; pending orders checked ${report.pendingOrders.checked}, changed ${report.pendingOrders.changed}, interrupted checkouts canceled ${report.pendingOrders.interruptedCanceled ?? 0}; mail sent ${report.mail.sent}`;
  } catch {
    return output.trim().split('\n').slice(-3).join(' / ');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
