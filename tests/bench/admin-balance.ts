// The balance activity report (lib/admin/balance-report.ts, balance-totals.ts, balance-export.ts)
// on 1,000,000 balance transactions, run by npm run bench:admin after the orders (admin-orders.ts)
// in the same database, so a transaction's payment intent finds its order as in a real store.
// Seeds with generate_series (migration 0011's triggers fill balance_daily_totals as it goes),
// times each filter kind's first page and totals alone and together, as the page waits for them
// (median of RUNS, in this process: query + rows, no HTTP), checks the totals against the direct
// sum of the transactions, streams the whole CSV export, and writes its section of
// docs/BENCHMARKS.md.
import type { Sql } from 'postgres';
import {
  exportTable,
  machine,
  measureExport,
  RUNS,
  TARGET_QUERY_MS,
  timed,
  verdict,
  type ExportMeasure,
  writeSection,
} from './admin-measure';

const TRANSACTIONS = Number(
  process.env.BENCH_ADMIN_TRANSACTIONS ?? process.env.BENCH_ADMIN_ORDERS ?? 1_000_000,
);
const DAYS = 730;

/**
 * Two years of activity, newest now, in usd (three in four) and eur: charges, refunds and their
 * failures, disputes and reversals, Stripe fees, adjustments and partial-capture reversals in
 * realistic proportions, each paid out by the day's payout once available (two days later); one
 * payout per currency per day, and a failed one (payout_reversal) about every 60 days.
 */
export async function seedBalanceTransactions(sql: Sql): Promise<void> {
  const payoutDays = await sql<{ count: number }[]>`SELECT ${DAYS * 2}::int AS count`;
  const activity = TRANSACTIONS - payoutDays[0]!.count - Math.floor(DAYS / 60) * 2;
  const step = (DAYS * 86_400) / activity;
  await sql.unsafe(`
    INSERT INTO balance_transactions (id, type, reporting_category, amount, fee, net, currency,
                                      created, available_on, description, source_id,
                                      payment_intent_id, payout_id)
    SELECT 'txn_bench_' || g, k.type, k.category, k.amount, k.fee, k.amount - k.fee, c.currency,
           t.created, t.created + interval '2 days', 'Bench ' || k.category || ' ' || g,
           CASE WHEN k.intent THEN 'ch_bench_' || g END,
           CASE WHEN k.intent THEN 'pi_bench_' || g END,
           CASE WHEN t.created + interval '2 days' < date_trunc('day', now())
                THEN 'po_bench_' || c.currency || '_' || to_char(t.created + interval '2 days', 'YYYYMMDD') END
    FROM generate_series(1, ${activity}) AS g,
    LATERAL (SELECT CASE WHEN g % 4 = 0 THEN 'eur' ELSE 'usd' END AS currency,
                    1500 * (1 + g % 4) AS base, g % 1000 AS bucket) AS c,
    LATERAL (SELECT now() - g * interval '${step.toFixed(6)} seconds' AS created) AS t,
    LATERAL (SELECT * FROM (VALUES
      (c.bucket < 800 OR c.bucket >= 944, 'charge', 'charge', c.base, c.base * 29 / 1000 + 30, true),
      (c.bucket >= 800 AND c.bucket < 880, 'refund', 'refund', -c.base, 0, true),
      (c.bucket >= 880 AND c.bucket < 882, 'adjustment', 'refund_failure', c.base, 0, true),
      (c.bucket >= 882 AND c.bucket < 887, 'adjustment', 'dispute', -c.base, 1500, true),
      (c.bucket >= 887 AND c.bucket < 889, 'adjustment', 'dispute_reversal', c.base, -1500, true),
      (c.bucket >= 889 AND c.bucket < 929, 'stripe_fee', 'fee', -(50 + g % 200), 0, false),
      (c.bucket >= 929 AND c.bucket < 934, 'adjustment', 'other_adjustment', 100 - 200 * (g % 2), 0, false),
      (c.bucket >= 934 AND c.bucket < 944, 'refund', 'partial_capture_reversal', -500, 0, true)
    ) AS v(hit, type, category, amount, fee, intent) WHERE v.hit) AS k`);
  await sql.unsafe(`
    INSERT INTO balance_transactions (id, type, reporting_category, amount, fee, net, currency,
                                      created, available_on, description, source_id)
    SELECT 'txn_bench_' || p.id || r.suffix, r.type, r.category, r.sign * p.amount, 0,
           r.sign * p.amount, p.currency, p.created + r.later, p.created + r.later,
           r.description, p.id
    FROM (SELECT 'po_bench_' || currency || '_' || to_char(day, 'YYYYMMDD') AS id, currency,
                 day + interval '1 hour' AS created, 150000 + (extract(doy FROM day)::int * 977) % 400000 AS amount,
                 extract(doy FROM day)::int % 60 = 0 AS failed
          FROM generate_series(date_trunc('day', now()) - interval '${DAYS - 1} days',
                               date_trunc('day', now()), interval '1 day') AS day,
               unnest(ARRAY['usd', 'eur']) AS currency) AS p,
    LATERAL (VALUES ('', 'payout', 'payout', -1, interval '0', 'STRIPE PAYOUT', true),
                    ('_failed', 'payout_failure', 'payout_reversal', 1, interval '3 days',
                     'Payout failed', p.failed)) AS r(suffix, type, category, sign, later, description, hit)
    WHERE r.hit AND p.created + r.later < now()`);
  await sql`VACUUM ANALYZE balance_transactions`;
  await sql`VACUUM ANALYZE balance_daily_totals`;
}

export async function benchBalanceReport(sql: Sql, postgresVersion: string): Promise<void> {
  const started = performance.now();
  console.log(`Seeding ${TRANSACTIONS.toLocaleString('en-US')} balance transactions…`);
  await seedBalanceTransactions(sql);
  const [{ count } = { count: 0 }] = await sql<
    { count: number }[]
  >`SELECT count(*)::int AS count FROM balance_transactions`;
  const [{ days } = { days: 0 }] = await sql<
    { days: number }[]
  >`SELECT count(*)::int AS days FROM balance_daily_totals`;
  console.log(
    `Seeded ${count.toLocaleString('en-US')} (${days.toLocaleString('en-US')} rows of daily totals) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const { parseBalanceFilters } = await import('@/lib/admin/balance-filters');
  const { activityCurrencies, listBalanceActivity } = await import('@/lib/admin/balance-report');
  const { balanceTotals, totalsFromTransactions } = await import('@/lib/admin/balance-totals');
  const { balanceActivityCsvStream } = await import('@/lib/admin/balance-export');
  const filtersOf = (params: Record<string, string>) => {
    const result = parseBalanceFilters(params);
    if (!result.ok) throw new Error(result.errors.join(' '));
    return result.filters;
  };
  const day = (daysAgo: number) =>
    new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const [payout] = await sql<{ id: string }[]>`
    SELECT source_id AS id FROM balance_transactions
     WHERE reporting_category = 'payout' AND currency = 'usd' ORDER BY created DESC OFFSET 100 LIMIT 1`;
  const [deep] = await sql<{ created: string; id: string }[]>`
    SELECT created::text, id FROM balance_transactions
     ORDER BY created DESC, id DESC OFFSET ${Math.floor(count / 2)} LIMIT 1`;
  const { encodeCursor } = await import('@/lib/admin/keyset-cursor');
  const deepCursor = encodeCursor({ createdAt: deep!.created, id: deep!.id });

  const views: Array<[string, Record<string, string>]> = [
    ['unfiltered', {}],
    ['type: charges', { type: 'charge' }],
    ['type: refunds', { type: 'refund' }],
    ['type: disputes', { type: 'dispute' }],
    ['type: payouts', { type: 'payout' }],
    ['type: fees and adjustments', { type: 'fee' }],
    ['currency: eur', { currency: 'eur' }],
    [`payout (${payout!.id})`, { payout: payout!.id }],
    ['30-day range', { from: day(30), to: day(0) }],
    [
      'eur + refunds + 90-day range',
      { currency: 'eur', type: 'refund', from: day(90), to: day(0) },
    ],
  ];
  const results: ViewTimes[] = [];
  for (const [name, params] of views) {
    const filters = filtersOf(params);
    const totals = await balanceTotals(filters);
    const direct = await totalsFromTransactions(filters);
    if (JSON.stringify(totals) !== JSON.stringify(direct))
      throw new Error(
        `${name}: totals ${JSON.stringify(totals)} ≠ direct ${JSON.stringify(direct)}`,
      );
    const times: ViewTimes = {
      name,
      pageMs: await timed(() => listBalanceActivity(filters)),
      totalsMs: await timed(() => balanceTotals(filters)),
      // What the page waits for: both at once, as app/admin/(signed-in)/money/activity/page.tsx asks.
      bothMs: await timed(() =>
        Promise.all([listBalanceActivity(filters), balanceTotals(filters)]),
      ),
      directMs: await timed(() => totalsFromTransactions(filters)),
    };
    results.push(times);
    console.log(
      `${name}: first page ${times.pageMs.toFixed(1)} ms, totals ${times.totalsMs.toFixed(1)} ms, both ${times.bothMs.toFixed(1)} ms (direct totals ${times.directMs.toFixed(1)} ms)`,
    );
  }
  const deepMs = await timed(() => listBalanceActivity(filtersOf({}), deepCursor));
  console.log(`deep page: ${deepMs.toFixed(1)} ms`);
  const currenciesMs = await timed(() => activityCurrencies());
  console.log(`currencies of the form: ${currenciesMs.toFixed(1)} ms`);

  const csv = await measureExport(balanceActivityCsvStream(filtersOf({})));
  console.log(
    `CSV export: ${csv.rows.toLocaleString('en-US')} rows in ${csv.seconds.toFixed(1)} s = ${Math.round(csv.rowsPerSecond).toLocaleString('en-US')} rows/s, peak RSS ${csv.rssMb.toFixed(0)} MB`,
  );
  const table = report(count, results, deepMs, currenciesMs, csv, postgresVersion);
  console.log(`\n${table}`);
  await writeSection('admin-balance', table, HEADING);
}

interface ViewTimes {
  name: string;
  pageMs: number;
  totalsMs: number;
  /** The first page and the totals at once. */
  bothMs: number;
  /** The totals summed from the transactions, as before balance_daily_totals. */
  directMs: number;
}

function report(
  count: number,
  views: ViewTimes[],
  deepMs: number,
  currenciesMs: number,
  csv: ExportMeasure,
  postgresVersion: string,
): string {
  const ms = (value: number) => value.toFixed(1);
  return [
    `${machine(postgresVersion)}; ${count.toLocaleString('en-US')} balance transactions over ${DAYS} days (usd and eur), median of ${RUNS} runs per query, timed in the process that runs the query (query + rows, no HTTP).`,
    '',
    '| view | first page ms | totals ms | first page + totals ms | target | met | totals summed from the transactions ms |',
    '|---|---:|---:|---:|---:|:---:|---:|',
    ...views.map(
      (view) =>
        `| ${view.name} | ${ms(view.pageMs)} | ${ms(view.totalsMs)} | ${ms(view.bothMs)} | < ${TARGET_QUERY_MS} | ${verdict(view.bothMs < TARGET_QUERY_MS)} | ${ms(view.directMs)} |`,
    ),
    `| deep page (keyset, row ${Math.floor(count / 2).toLocaleString('en-US')}) | ${ms(deepMs)} | | | < ${TARGET_QUERY_MS} | ${verdict(deepMs < TARGET_QUERY_MS)} | |`,
    `| the form's currencies (loose index scan) | ${ms(currenciesMs)} | | | < ${TARGET_QUERY_MS} | ${verdict(currenciesMs < TARGET_QUERY_MS)} | |`,
    '',
    ...exportTable('CSV export (every transaction)', csv),
  ].join('\n');
}

const HEADING = `### Balance activity report\n\nThe same run then seeds ${TRANSACTIONS.toLocaleString('en-US')} balance transactions into that database (their payment intents are the orders') and measures the report at /admin/money/activity (\`lib/admin/balance-report.ts\`, its totals \`lib/admin/balance-totals.ts\`) and its CSV export (\`lib/admin/balance-export.ts\`). Knob: \`BENCH_ADMIN_TRANSACTIONS\` (default: \`BENCH_ADMIN_ORDERS\`).`;
