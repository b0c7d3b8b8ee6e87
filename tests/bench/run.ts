// npm run bench: builds Shopfront for production, starts it on Postgres with the Stripe emulator,
// runs every scenario side by side, checks each one's outcome, writes bench/results/<date>.json and
// the tables of docs/BENCHMARKS.md. Exits 1 when an outcome is wrong.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { writeBenchmarksMarkdown, type BenchResults } from './report';
import { runCheckoutScenario } from './scenarios/checkout';
import { runStorefrontScenario } from './scenarios/storefront';
import { runAppliedScenario, runWebhookScenarios, type AppliedRun } from './scenarios/webhooks';
import { startBenchStack } from './stack';
import { failedChecks } from './verdict';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const NAIVE_EVENTS = Number(process.env.BENCH_NAIVE_EVENTS ?? 5_000);
/** Deliveries to the pre-inbox webhook (apply, then answer), the same run's applied/s baseline. */
const BASELINE_EVENTS = Number(process.env.BENCH_BASELINE_EVENTS ?? 5_000);
const STOREFRONT_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/** The 1, 5 and 15 minute load averages, as uptime prints them: other work shares the cores. */
function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
}

async function main(): Promise<void> {
  const loadAtStart = loadAverage();
  const stack = await startBenchStack({
    build: process.env.BENCH_SKIP_BUILD !== '1',
    mode: 'single',
  });
  let stopped = false;
  try {
    const [version] = await stack.database.db.execute<{ server_version: string }>(
      sql`SHOW server_version`,
    );
    const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
    const date = new Date().toISOString().slice(0, 10);
    console.log(
      `Benchmarking ${stack.url} (${stack.mode}, ${os.cpus().length} cores, PostgreSQL ${version?.server_version}, load ${loadAverage()})`,
    );

    // The storefront first: the checkout scenario adds 40 products, and the home page lists every
    // product once it is regenerated, so later it would be twice the size it was built at.
    console.log('storefront');
    const storefront = await runStorefrontScenario(stack, STOREFRONT_SECONDS);
    console.log(
      'webhooks: preparing orders and paid sessions, then ingest, duplicate storm, naive',
    );
    const webhooks = await runWebhookScenarios(stack, EVENTS, NAIVE_EVENTS, BASELINE_EVENTS);
    console.log('checkout creation');
    const checkout = await runCheckoutScenario(stack);
    // The same applied-events measurement on two instances behind nginx, on a database of its
    // own, once the single instance is stopped (BENCH_TWO_INSTANCES=0 skips it).
    await stack.stop();
    stopped = true;
    let appliedTwoInstances: AppliedRun | null = null;
    if (process.env.BENCH_TWO_INSTANCES !== '0') {
      console.log('webhooks applied, two instances behind nginx');
      const two = await startBenchStack({ build: false, mode: 'two' });
      try {
        appliedTwoInstances = await runAppliedScenario(two, EVENTS);
      } finally {
        await two.stop();
      }
    }

    const results: BenchResults = {
      date,
      mode: stack.mode,
      load: { atStart: loadAtStart, atEnd: loadAverage() },
      machine: {
        cores: os.cpus().length,
        cpu,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        postgres: `PostgreSQL ${version?.server_version}`,
      },
      webhooks,
      appliedTwoInstances,
      checkout,
      storefront,
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(`bench/results/${date}.json`, `${JSON.stringify(results, null, 2)}\n`);
    await writeBenchmarksMarkdown(results);
    console.log(`Results: bench/results/${date}.json and docs/BENCHMARKS.md`);
  } finally {
    if (!stopped) await stack.stop();
  }
  const failures = failedChecks();
  if (failures.length > 0) {
    console.error(
      `\n${failures.length} check(s) failed:\n${failures.map((line) => `  - ${line}`).join('\n')}`,
    );
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
