import type postgres from 'postgres';
import type { ReceivedMail } from '@/tests/integration/email/fake-smtp-server';
import type { ProxyTally } from './fault-proxy';

/** What one simulated customer did, as far as the customer knows. */
export interface DriverRecord {
  index: number;
  productId: string;
  quantity: number;
  intent: 'pay' | 'abandon';
  /** Null when the checkout request died with the store: the customer never got a payment page. */
  orderId: string | null;
  outcome: 'paid' | 'abandoned' | 'checkout_failed';
  /** Checkout clicks that failed before one worked. */
  failedAttempts: number;
}

export interface ChaosOutcome {
  statuses: Record<string, number>;
  paid: number;
  expectedPaid: number;
  confirmationsQueued: number;
  confirmationsSent: number;
  /** SMTP deliveries of a message already delivered (same Message-ID): a sender died in between. */
  confirmationsResent: number;
  /** Queued, claimed by a sender that was killed mid-send: due again when its 10-minute claim ends. */
  confirmationsAwaitingClaim: number;
  confirmationsDuplicated: number;
  paidTimelineRows: number;
  eventsReceived: number;
  eventsUnprocessed: number;
  eventsMissing: number;
  stock: Array<{ productId: string; expected: number; actual: number }>;
  orphans: number;
  problems: string[];
}

/** Every invariant of the run, from the database and the mail server: each breach is a problem. */
export async function checkOutcome(input: {
  sql: postgres.Sql;
  records: DriverRecord[];
  initialStock: Map<string, number | null>;
  emulatorEventIds: string[];
  mail: ReceivedMail[];
}): Promise<ChaosOutcome> {
  const { sql, records } = input;
  const problems: string[] = [];
  const orders = await sql<
    Array<{ id: string; number: number; status: string; email: string | null }>
  >`SELECT id, number, status, email FROM orders`;
  const byId = new Map(orders.map((order) => [order.id, order]));
  const statuses: Record<string, number> = {};
  for (const order of orders) statuses[order.status] = (statuses[order.status] ?? 0) + 1;

  // Each customer's order ends where the customer's actions say it must.
  const known = new Set<string>();
  for (const record of records) {
    if (!record.orderId) continue;
    known.add(record.orderId);
    const order = byId.get(record.orderId);
    const expected = record.outcome === 'paid' ? 'paid' : 'expired';
    if (order?.status !== expected)
      problems.push(
        `order of customer ${record.index} is ${order?.status ?? 'missing'}, expected ${expected}`,
      );
  }
  // Orders whose checkout died with the store were never shown a payment page: none may be paid
  // or left holding stock.
  const orphans = orders.filter((order) => !known.has(order.id));
  for (const order of orphans) {
    if (order.status !== 'expired' && order.status !== 'canceled')
      problems.push(
        `order ${order.number} (checkout interrupted) is ${order.status}, expected expired or canceled`,
      );
  }

  // Exactly one confirmation queued and one "paid" timeline row per paid order, none for others.
  const outbox = await sql<
    Array<{ order_id: string; count: number; sent: number; claimed: number; failed: number }>
  >`
    SELECT order_id, count(*)::int AS count,
           count(*) FILTER (WHERE status = 'sent')::int AS sent,
           count(*) FILTER (WHERE status = 'queued' AND attempts > 0 AND next_attempt_at > now())::int AS claimed,
           count(*) FILTER (WHERE status = 'failed')::int AS failed
      FROM email_outbox WHERE kind = 'order_confirmation' GROUP BY order_id`;
  const outboxByOrder = new Map(outbox.map((row) => [row.order_id, row]));
  const paidRows = await sql<Array<{ order_id: string; count: number }>>`
    SELECT order_id, count(*)::int AS count FROM order_events
     WHERE to_status = 'paid' AND from_status IS DISTINCT FROM 'paid' GROUP BY order_id`;
  const paidRowsByOrder = new Map(paidRows.map((row) => [row.order_id, row.count]));
  for (const order of orders) {
    const isPaid = order.status === 'paid';
    const queued = outboxByOrder.get(order.id)?.count ?? 0;
    const timeline = paidRowsByOrder.get(order.id) ?? 0;
    if (queued !== (isPaid ? 1 : 0))
      problems.push(`order ${order.number} (${order.status}) has ${queued} confirmation emails`);
    const row = outboxByOrder.get(order.id);
    if (row && row.sent + row.claimed !== row.count)
      problems.push(`order ${order.number}: its confirmation is neither sent nor being retried`);
    if (timeline !== (isPaid ? 1 : 0))
      problems.push(`order ${order.number} (${order.status}) has ${timeline} "paid" timeline rows`);
  }

  // Mail delivered over SMTP: never two different confirmations to one customer. A resend of the
  // same outbox row (a sender killed between SMTP and recording it) carries the same Message-ID.
  const perRecipient = new Map<string, Set<string>>();
  let smtpMessages = 0;
  for (const message of input.mail) {
    if (!/order \d+ confirmed/.test(message.data)) continue;
    smtpMessages++;
    const messageId = /^Message-ID:\s*(\S+)/im.exec(message.data)?.[1] ?? `(none ${smtpMessages})`;
    for (const to of message.to) {
      const ids = perRecipient.get(to) ?? new Set<string>();
      ids.add(messageId);
      perRecipient.set(to, ids);
    }
  }
  const duplicated = [...perRecipient].filter(([, ids]) => ids.size > 1);
  for (const [to, ids] of duplicated)
    problems.push(`${to} received ${ids.size} different confirmations`);

  // Stock: the initial stock less what paid orders bought.
  const sold = await sql<Array<{ product_id: string; quantity: number }>>`
    SELECT i.product_id, sum(i.quantity)::int AS quantity
      FROM order_items i JOIN orders o ON o.id = i.order_id
     WHERE o.status = 'paid' GROUP BY i.product_id`;
  const soldBy = new Map(sold.map((row) => [row.product_id, row.quantity]));
  const current = await sql<Array<{ id: string; stock: number | null }>>`
    SELECT id, stock FROM products`;
  const stock = current
    .filter((product) => input.initialStock.get(product.id) != null)
    .map((product) => ({
      productId: product.id,
      expected: input.initialStock.get(product.id)! - (soldBy.get(product.id) ?? 0),
      actual: product.stock ?? Number.NaN,
    }));
  for (const line of stock)
    if (line.expected !== line.actual)
      problems.push(`product ${line.productId}: stock ${line.actual}, expected ${line.expected}`);

  // Every event Stripe (the emulator) created for the store was received and processed.
  const [events] = await sql<Array<{ received: number; unprocessed: number }>>`
    SELECT count(*)::int AS received, count(*) FILTER (WHERE processed_at IS NULL)::int AS unprocessed
      FROM stripe_events`;
  const recorded = new Set(
    (await sql<Array<{ id: string }>>`SELECT id FROM stripe_events`).map((row) => row.id),
  );
  const missing = input.emulatorEventIds.filter((id) => !recorded.has(id));
  if (events!.unprocessed > 0) problems.push(`${events!.unprocessed} received events unprocessed`);
  if (missing.length > 0)
    problems.push(`${missing.length} events never recorded: ${missing.slice(0, 5).join(', ')}`);

  return {
    statuses,
    paid: statuses.paid ?? 0,
    expectedPaid: records.filter((record) => record.outcome === 'paid').length,
    confirmationsQueued: outbox.reduce((sum, row) => sum + row.count, 0),
    confirmationsSent: perRecipient.size,
    confirmationsResent: smtpMessages - perRecipient.size,
    confirmationsAwaitingClaim: outbox.reduce((sum, row) => sum + row.claimed, 0),
    confirmationsDuplicated: duplicated.length,
    paidTimelineRows: paidRows.reduce((sum, row) => sum + row.count, 0),
    eventsReceived: events!.received,
    eventsUnprocessed: events!.unprocessed,
    eventsMissing: missing.length,
    stock,
    orphans: orphans.length,
    problems,
  };
}

export function printSummary(report: {
  seed: number;
  orders: number;
  driveSeconds: number;
  disruptions: string[];
  proxy: ProxyTally;
  reconcileReports: string[];
  failedClicks: number;
  outcome: ChaosOutcome;
}) {
  const { outcome, proxy } = report;
  const lost =
    outcome.expectedPaid - outcome.paid + outcome.eventsMissing + outcome.eventsUnprocessed;
  const rows: Array<[string, string]> = [
    ['seed', String(report.seed)],
    ['customers', String(report.orders)],
    ['driving took', `${report.driveSeconds.toFixed(1)} s`],
    ['disruptions', report.disruptions.join('; ')],
    [
      'webhook faults',
      `${proxy.requests} requests: ${proxy.failedUnsent} first attempts failed unsent, ${proxy.failedAfterProcessing} failed after processing, ${proxy.delayed} delayed, ${proxy.storeUnreachable} store down`,
    ],
    ['reconcile #1', report.reconcileReports[0] ?? ''],
    ['reconcile #2', report.reconcileReports[1] ?? ''],
    ['reconcile #3', report.reconcileReports[2] ?? ''],
    [
      'orders by status',
      Object.entries(outcome.statuses)
        .map(([status, count]) => `${status} ${count}`)
        .join(', '),
    ],
    [
      'checkout clicks failed',
      `${report.failedClicks} (customers clicked again); ${outcome.orphans} left an order behind`,
    ],
    ['paid / expected paid', `${outcome.paid} / ${outcome.expectedPaid}`],
    ['"paid" timeline rows', String(outcome.paidTimelineRows)],
    [
      'confirmations',
      `${outcome.confirmationsQueued} queued, ${outcome.confirmationsSent} customers got theirs over SMTP, ${outcome.confirmationsResent} resent with the same Message-ID, ${outcome.confirmationsAwaitingClaim} still claimed, ${outcome.confirmationsDuplicated} different duplicates`,
    ],
    [
      'stripe events',
      `${outcome.eventsReceived} recorded, ${outcome.eventsUnprocessed} unprocessed, ${outcome.eventsMissing} never received`,
    ],
    [
      'stock',
      outcome.stock.every((line) => line.actual === line.expected)
        ? 'initial − sold on every product'
        : 'MISMATCH',
    ],
    ['lost effects', String(lost)],
    [
      'duplicated effects',
      String(
        outcome.confirmationsDuplicated + Math.max(0, outcome.paidTimelineRows - outcome.paid),
      ),
    ],
    ['problems', outcome.problems.length === 0 ? 'none' : outcome.problems.slice(0, 20).join('\n')],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(
    `\nChaos summary\n${rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`).join('\n')}\n`,
  );
}
