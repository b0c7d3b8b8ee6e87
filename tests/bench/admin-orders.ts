// npm run bench:admin: the admin orders list and CSV export on 1,000,000 orders, then the balance
// activity report on 1,000,000 balance transactions in the same database (admin-balance.ts).
// Seeds a fresh database (embedded Postgres, or DATABASE_URL's server) with generate_series, then
// times each orders-page query (median of RUNS, measured in this process: query + result, no HTTP)
// and streams the whole CSV export, reporting rows/s and the process's peak RSS. Writes the table
// into docs/BENCHMARKS.md between the admin markers. A benchmark, not a test: it never fails CI.
import postgres from 'postgres';
import { createTestDatabase } from '@/tests/support/test-database';
import { benchBalanceReport } from './admin-balance';
import {
  exportTable,
  machine,
  measureExport,
  RUNS,
  TARGET_QUERY_MS,
  timed,
  verdict,
  writeSection,
  type ExportMeasure,
} from './admin-measure';

const ORDERS = Number(process.env.BENCH_ADMIN_ORDERS ?? 1_000_000);

async function seed(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [product] = await sql<{ id: string }[]>`
      INSERT INTO products (slug, name, unit_amount, currency)
      VALUES ('bench-notebook', 'Bench notebook', 1500, 'usd') RETURNING id`;
    // Two years of orders, one every ~63 s, newest now; statuses in realistic proportions;
    // 250,000 distinct customers so an email matches a handful of orders.
    await sql.unsafe(`
      INSERT INTO orders (status, email, customer_name, currency, amount_subtotal, amount_total,
                          amount_refunded, created_at, paid_at, stripe_checkout_session_id,
                          stripe_payment_intent_id)
      SELECT s.status, 'customer' || (g % 250000) || '@example.com', 'Customer ' || (g % 250000),
             'usd', s.total, s.total,
             CASE s.status WHEN 'refunded' THEN s.total WHEN 'partially_refunded' THEN 500 ELSE 0 END,
             now() - g * interval '63 seconds',
             CASE WHEN s.status IN ('paid', 'refunded', 'partially_refunded')
                  THEN now() - g * interval '63 seconds' END,
             'cs_bench_' || g, 'pi_bench_' || g
      FROM generate_series(1, ${ORDERS}) AS g,
      LATERAL (SELECT (ARRAY['paid','paid','paid','paid','paid','paid','pending','expired','refunded',
                             'partially_refunded','canceled','failed','processing','authorized']
                      )[1 + g % 14]::order_status AS status,
                      1500 * (1 + g % 4) AS total) AS s`);
    await sql`
      INSERT INTO order_items (order_id, product_id, name, unit_amount, quantity)
      SELECT id, ${product!.id}, 'Bench notebook', 1500, 1 + number % 4 FROM orders`;
    await sql`VACUUM ANALYZE orders`;
    await sql`VACUUM ANALYZE order_items`;
  } finally {
    await sql.end();
  }
}

async function main(): Promise<void> {
  const database = await createTestDatabase('shopfront_bench_admin');
  try {
    const started = performance.now();
    console.log(`Seeding ${ORDERS.toLocaleString('en-US')} orders…`);
    await seed(database.url);
    console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // The app's modules read DATABASE_URL on first use: point them at the bench database.
    process.env.DATABASE_URL = database.url;
    const { db } = await import('@/db/client');
    const { listOrders } = await import('@/lib/admin/order-list');
    const { encodeCursor } = await import('@/lib/admin/keyset-cursor');
    const { parseOrderFilters } = await import('@/lib/admin/order-filters');
    const { ordersCsvStream } = await import('@/lib/admin/orders-export');
    const dashboard = await import('@/lib/admin/dashboard');
    const client = db().$client;

    const [deep] = await client<{ created_at: string; id: string }[]>`
      SELECT created_at::text, id FROM orders ORDER BY created_at DESC, id OFFSET ${Math.floor(ORDERS / 2)} LIMIT 1`;
    const deepCursor = encodeCursor({ createdAt: deep!.created_at, id: deep!.id });
    const today = new Date();
    const ninetyDaysAgo = new Date(today.getTime() - 90 * 86_400_000);
    const queries: Array<[string, () => Promise<unknown>]> = [
      ['first page', () => listOrders(parseOrderFilters({}))],
      [
        `deep page (keyset, row ${Math.floor(ORDERS / 2).toLocaleString('en-US')})`,
        () => listOrders(parseOrderFilters({}), { after: deepCursor }),
      ],
      [
        'status (paid, refunded) + 90-day range',
        () =>
          listOrders(
            parseOrderFilters({
              status: ['paid', 'refunded'],
              from: ninetyDaysAgo.toISOString().slice(0, 10),
              to: today.toISOString().slice(0, 10),
            }),
          ),
      ],
      [
        'email search (a whole address)',
        () => listOrders(parseOrderFilters({ q: 'customer123457@example.com' })),
      ],
      ['email search, partial', () => listOrders(parseOrderFilters({ q: 'customer12345' }))],
    ];
    const results: Array<[string, number]> = [];
    for (const [name, run] of queries) {
      const ms = await timed(run);
      results.push([name, ms]);
      console.log(`${name}: ${ms.toFixed(1)} ms median`);
    }
    // The dashboard's queries have no target; measured so a regression shows.
    const dashboardResults: Array<[string, number]> = [];
    for (const [name, run] of [
      ['revenue today / 7 / 30 days', () => dashboard.revenueTotals()],
      ['orders by status', () => dashboard.ordersByStatus()],
      ['revenue per day, 30 days', () => dashboard.dailyRevenue('usd')],
    ] as Array<[string, () => Promise<unknown>]>) {
      const ms = await timed(run);
      dashboardResults.push([name, ms]);
      console.log(`dashboard, ${name}: ${ms.toFixed(1)} ms median`);
    }

    const csv = await measureExport(ordersCsvStream(parseOrderFilters({})));
    console.log(
      `CSV export: ${csv.rows.toLocaleString('en-US')} rows, ${(csv.bytes / 1e6).toFixed(0)} MB in ${csv.seconds.toFixed(1)} s = ${Math.round(csv.rowsPerSecond).toLocaleString('en-US')} rows/s, peak RSS ${csv.rssMb.toFixed(0)} MB`,
    );

    const [{ server_version: version } = { server_version: '?' }] = await client<
      { server_version: string }[]
    >`SHOW server_version`;
    const table = report(results, dashboardResults, csv, version);
    console.log(`\n${table}`);
    await writeSection('admin', table, ADMIN_HEADING);
    await benchBalanceReport(client, version);
    await client.end();
  } finally {
    await database.dispose();
  }
}

function report(
  queries: Array<[string, number]>,
  dashboardQueries: Array<[string, number]>,
  csv: ExportMeasure,
  postgresVersion: string,
): string {
  const lines = [
    `${machine(postgresVersion)}; ${ORDERS.toLocaleString('en-US')} orders, median of ${RUNS} runs per query, timed in the process that runs the query (query + rows, no HTTP).`,
    '',
    '| orders-page query | median ms | target | met |',
    '|---|---:|---:|:---:|',
    ...queries.map(
      ([name, ms]) =>
        `| ${name} | ${ms.toFixed(1)} | < ${TARGET_QUERY_MS} | ${verdict(ms < TARGET_QUERY_MS)} |`,
    ),
    '',
    '| dashboard query (no target) | median ms |',
    '|---|---:|',
    ...dashboardQueries.map(([name, ms]) => `| ${name} | ${ms.toFixed(1)} |`),
    '',
    ...exportTable('CSV export (every row)', csv),
  ];
  return lines.join('\n');
}

const ADMIN_HEADING = `## Admin\n\n\`npm run bench:admin\` seeds ${ORDERS.toLocaleString('en-US')} orders (one item each) into a fresh database with \`generate_series\` and measures the admin orders list (\`lib/admin/order-list.ts\`) and the streamed CSV export (\`lib/admin/orders-export.ts\`). Knobs: \`BENCH_ADMIN_ORDERS\`, \`BENCH_ADMIN_RUNS\`.`;

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
