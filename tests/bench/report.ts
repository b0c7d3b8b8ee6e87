import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import type { LoadResult } from './load';
import type { CheckoutRun } from './scenarios/checkout';
import type { StorefrontResults } from './scenarios/storefront';
import type { AppliedRun, WebhookResults } from './scenarios/webhooks';
import type { BenchMode } from './stack';

/** Applied events per second before the inbox: the synchronous handler's 465/s, times 1.5. */
const APPLIED_TARGET = 698;

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  postgres: string;
}

export interface BenchResults {
  date: string;
  mode: BenchMode;
  /** Load averages (1, 5, 15 min) when the run started and ended: the cores are shared. */
  load: { atStart: string; atEnd: string };
  machine: Machine;
  webhooks: WebhookResults;
  /** Applied events/s with two instances behind nginx; null when skipped. */
  appliedTwoInstances: AppliedRun | null;
  checkout: CheckoutRun[];
  storefront: StorefrontResults;
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Rewrites the generated part of docs/BENCHMARKS.md (between the markers) from one run. */
export async function writeBenchmarksMarkdown(
  results: BenchResults,
  file = 'docs/BENCHMARKS.md',
): Promise<void> {
  const current = readFileSync(file, 'utf8');
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file} lacks the ${START} ... ${END} markers`);
  const updated = `${current.slice(0, start + START.length)}\n${render(results)}\n${current.slice(end)}`;
  // Formatted as `npm run format` would, so the repository's format check stays green after a run.
  writeFileSync(file, await format(updated, { ...(await resolveConfig(file)), filepath: file }));
}

function render(r: BenchResults): string {
  const w = r.webhooks;
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
  const row = (
    name: string,
    x: { throughput: number; p50: number; p99: number; requests: number },
  ) =>
    `| ${name} | ${x.requests.toLocaleString('en-US')} | ${x.throughput.toLocaleString('en-US')} | ${x.p50} | ${x.p99} |`;
  const s = r.storefront;
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const a = w.applied;
  const deployments = { single: 'one instance', two: 'two instances behind nginx' };
  const deployment = deployments[a.mode];
  const appliedRow = (run: AppliedRun) =>
    `| ${deployments[run.mode]} | ${run.events.toLocaleString('en-US')} | ${run.secondsToLastPaid?.toFixed(2) ?? 'timed out'} | **${run.eventsPerSecond?.toLocaleString('en-US') ?? 'n/a'}** |`;
  const pageRow = (name: string, bytes: number | null, x: LoadResult, cell: string) =>
    `| ${name} | ${bytes?.toLocaleString('en-US') ?? ''} | ${x.requests.toLocaleString('en-US')} | ${x.throughput.toLocaleString('en-US')} | ${x.p50} | ${x.p99} | ${cell} |`;
  return [
    `Run of ${r.date} on ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.postgres}; ${deployment}. ` +
      `Load average (1, 5, 15 min) ${r.load.atStart} at the start, ${r.load.atEnd} at the end: other work shared the cores.`,
    '',
    `### Webhooks (${w.events.toLocaleString('en-US')} events, concurrency ${w.connections})`,
    '',
    '| route | requests | req/s | p50 ms | p99 ms |',
    '|---|---:|---:|---:|---:|',
    row('bare route (answers 200)', w.bareRoute),
    row('signature check only', w.verifyOnly),
    row('**Shopfront webhook** (verify, record in the inbox)', w.ingest),
    row(`duplicate storm (×3, shuffled)`, w.duplicateStorm),
    row(
      `naive template handler, local emulator (${w.naive.events.toLocaleString('en-US')} events)`,
      w.naive,
    ),
    row(`naive template handler, Stripe ${w.naiveDistant.roundTripMs} ms away`, w.naiveDistant),
    row(
      `before the inbox: apply, then answer (${w.applyBeforeAnswer.events.toLocaleString('en-US')} events)`,
      w.applyBeforeAnswer,
    ),
    '',
    `Shopfront ÷ bare route: **${ratio(w.ingest.throughput, w.bareRoute.throughput)}** (target ≥ 0.60). ` +
      `Shopfront ÷ naive: **${ratio(w.ingest.throughput, w.naive.throughput)}** against the local emulator, ` +
      `**${ratio(w.ingest.throughput, w.naiveDistant.throughput)}** with Stripe ${w.naiveDistant.roundTripMs} ms away (target ≥ 3). ` +
      `Shopfront p99: **${w.ingest.p99} ms** (target < 100 ms).`,
    '',
    '#### Applied (every order paid, from the first delivery to the last order paid)',
    '',
    '| deployment | events | s to the last paid | events/s |',
    '|---|---:|---:|---:|',
    appliedRow(a),
    ...(r.appliedTwoInstances ? [appliedRow(r.appliedTwoInstances)] : []),
    `| before the inbox, same run (each answer an event applied) | ${w.applyBeforeAnswer.events.toLocaleString('en-US')} | ${(w.applyBeforeAnswer.events / Math.max(w.applyBeforeAnswer.throughput, 1)).toFixed(2)} | ${w.applyBeforeAnswer.throughput.toLocaleString('en-US')} |`,
    '',
    `Target ≥ ${APPLIED_TARGET} applied events/s (1.5 × the 465/s of the handler that applied each event before answering, on 2026-11-22's machine); ` +
      `on this run's machine that handler applied ${w.applyBeforeAnswer.throughput.toLocaleString('en-US')}/s, so the inbox is **${ratio(a.eventsPerSecond ?? 0, w.applyBeforeAnswer.throughput)}×** it` +
      (r.appliedTwoInstances
        ? ` (two instances: **${ratio(r.appliedTwoInstances.eventsPerSecond ?? 0, w.applyBeforeAnswer.throughput)}×**). `
        : '. ') +
      'The database is polled every 50 ms once the deliveries are answered. ' +
      (r.appliedTwoInstances
        ? 'Two instances: the same measurement on a database of its own, deliveries spread by nginx.'
        : 'Two instances behind nginx: skipped in this run (BENCH_TWO_INSTANCES=0).'),
    '',
    '### Checkout creation (cart → session URL, server side)',
    '',
    '| concurrency | requests | req/s | overhead p50 ms | overhead p99 ms | Stripe call p50 ms | client p50 ms |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...r.checkout.map(
      (c) =>
        `| ${c.connections} | ${c.requests} | ${c.throughput} | **${c.overheadP50}** | ${c.overheadP99} | ${c.stripeP50} | ${c.clientP50} |`,
    ),
    '',
    'Overhead = server time from cart to session URL minus the Stripe call (target p50 < 10 ms).',
    '',
    `### Storefront (concurrency ${s.connections}, ${s.seconds} s each in 3 rounds, the median round's req/s and latencies)`,
    '',
    '| page | HTML bytes | requests | req/s | p50 ms | p99 ms | ÷ trivial page |',
    '|---|---:|---:|---:|---:|---:|---:|',
    pageRow(
      'static file (SVG)',
      null,
      s.staticFile,
      ratio(s.staticFile.throughput, s.trivialPage.throughput),
    ),
    pageRow(
      'static file: the home page as built',
      s.htmlBytes.staticHomeCopy,
      s.staticHomeCopy,
      ratio(s.staticHomeCopy.throughput, s.trivialPage.throughput),
    ),
    pageRow(
      'trivial static Next page (filler text)',
      s.htmlBytes.trivialPage,
      s.trivialPage,
      '1.00',
    ),
    pageRow(
      'home',
      s.htmlBytes.home,
      s.home,
      `**${ratio(s.home.throughput, s.trivialPage.throughput)}**`,
    ),
    pageRow(
      'product page',
      s.htmlBytes.product,
      s.product,
      `**${ratio(s.product.throughput, s.trivialPage.throughput)}**`,
    ),
    '',
    `Home and product page ÷ a trivial static page of the same size on the same server (the framework's own limit for a page): ` +
      `**${ratio(s.home.throughput, s.trivialPage.throughput)}** and **${ratio(s.product.throughput, s.trivialPage.throughput)}** (target ≥ 0.90).`,
    '',
    `First Load JS (gzip): home **${kb(s.firstLoadJs.home)} kB**, product page ${kb(s.firstLoadJs.product)} kB (target ≤ 120 kB for home).`,
  ].join('\n');
}
