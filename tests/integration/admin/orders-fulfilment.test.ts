import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { orders, type FulfilmentStatus, type OrderStatus } from '@/db/schema';
import { parseOrderFilters } from '@/lib/admin/order-filters';
import { listOrders } from '@/lib/admin/order-list';
import { ordersCsvStream } from '@/lib/admin/orders-export';
import { csvRecords } from '@/tests/support/csv-records';

// The orders list's fulfilment: the packing list ("Paid, not shipped"), the fulfilment filter, and
// the shipping columns of the CSV.

const domain = `fulfil-${randomBytes(4).toString('hex')}.example.com`;
const labelOf = (email: string | null) => email!.split('@')[0]!;
const paidAt = (day: number) => new Date(Date.UTC(2025, 4, day, 9, 30));
const numbers: Record<string, number> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  // [label, status, fulfilment, paid on day]: created in label order, paid in another order.
  const rows: Array<[string, OrderStatus, FulfilmentStatus | null, number | null]> = [
    ['paid-late', 'paid', 'unfulfilled', 20],
    ['paid-early', 'paid', 'unfulfilled', 3],
    ['partly-refunded', 'partially_refunded', 'unfulfilled', 10],
    ['same-day-a', 'paid', 'unfulfilled', 12],
    ['same-day-b', 'paid', 'unfulfilled', 12],
    ['shipped', 'paid', 'shipped', 1],
    ['refunded', 'refunded', 'unfulfilled', 2],
    ['authorized', 'authorized', 'unfulfilled', null],
    ['digital', 'paid', null, 4],
  ];
  const inserted = await db()
    .insert(orders)
    .values(
      rows.map(([label, status, fulfilmentStatus, day], index) => ({
        status,
        fulfilmentStatus,
        email: `${label}@${domain}`,
        currency: 'usd',
        createdAt: new Date(Date.UTC(2025, 3, 1 + index)),
        paidAt: day === null ? null : paidAt(day),
        amountSubtotal: 3000,
        amountTotal: 3000,
        amountRefunded: status === 'partially_refunded' ? 500 : status === 'refunded' ? 3000 : 0,
      })),
    )
    .returning({ id: orders.id, number: orders.number, email: orders.email });
  for (const row of inserted) {
    numbers[labelOf(row.email)] = row.number;
    ids[labelOf(row.email)] = row.id;
  }
  // One shipped order carries everything Checkout and the admin fill in.
  await db()
    .update(orders)
    .set({
      customerName: 'Ada Buyer',
      amountSubtotal: 4000,
      amountDiscount: 400,
      amountShipping: 550,
      amountTax: 329,
      amountTotal: 4479,
      promotionCode: 'SPRING10',
      shippingName: 'Ada Buyer',
      shippingAddress: {
        line1: '1 Main St',
        line2: null,
        city: 'Springfield',
        state: 'IL',
        postal_code: '62701',
        country: 'US',
      },
      shippingCountry: 'US',
      shippingRateName: 'Express',
      shippingCarrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      shippedAt: new Date('2025-05-02T08:00:00Z'),
    })
    .where(eq(orders.id, ids.shipped!));
});
afterAll(async () => {
  await db().$client.end();
});

describe('the packing list (Paid, not shipped)', () => {
  it('holds paid and partially refunded orders waiting to ship, oldest payment first', async () => {
    const page = await listOrders(parseOrderFilters({ view: 'packing', q: domain }), {}, 100);
    expect(page.rows.map((row) => labelOf(row.email))).toEqual([
      'paid-early',
      'partly-refunded',
      // Paid at the same instant: the id breaks the tie.
      ...(ids['same-day-a']! < ids['same-day-b']!
        ? ['same-day-a', 'same-day-b']
        : ['same-day-b', 'same-day-a']),
      'paid-late',
    ]);
    expect(page.rows.every((row) => row.fulfilmentStatus === 'unfulfilled')).toBe(true);
    expect(page.rows[0]!.paidAt).toEqual(paidAt(3));
  });

  it('pages by payment time both ways, equal times included, each order once', async () => {
    const filters = parseOrderFilters({ view: 'packing', q: domain });
    const all = (await listOrders(filters, {}, 100)).rows.map((row) => row.id);
    const seen: string[] = [];
    let page = await listOrders(filters, {}, 2);
    const pages = [page];
    seen.push(...page.rows.map((row) => row.id));
    while (page.next) {
      page = await listOrders(filters, { after: page.next }, 2);
      pages.push(page);
      seen.push(...page.rows.map((row) => row.id));
    }
    expect(seen).toEqual(all);
    const back = await listOrders(filters, { before: pages[2]!.previous }, 2);
    expect(back.rows.map((row) => row.id)).toEqual(pages[1]!.rows.map((row) => row.id));
  });

  it('is a scan of its partial index, with no sort of the whole table', async () => {
    const plan = await db().transaction(async (tx) => {
      // The test database is small enough that a sequential scan would win without this.
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return tx.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN SELECT id FROM orders
        WHERE fulfilment_status = 'unfulfilled' AND status IN ('paid', 'partially_refunded')
          AND paid_at IS NOT NULL
        ORDER BY paid_at ASC NULLS LAST, id ASC LIMIT 51`);
    });
    const text = plan.map((line) => line['QUERY PLAN']).join('\n');
    expect(text).toContain('orders_unfulfilled_paid_at_idx');
  });
});

describe('the fulfilment filter', () => {
  it('selects by where the goods are, "none" being orders with nothing to ship', async () => {
    const labels = async (fulfilment: string[]) =>
      (await listOrders(parseOrderFilters({ fulfilment, q: domain }), {}, 100)).rows
        .map((row) => labelOf(row.email))
        .sort();
    expect(await labels(['shipped'])).toEqual(['shipped']);
    expect(await labels(['none'])).toEqual(['digital']);
    expect(await labels(['shipped', 'none'])).toEqual(['digital', 'shipped']);
    expect(await labels(['delivered'])).toEqual([]);
  });
});

describe('the orders CSV', () => {
  it('carries fulfilment, shipping and the totals breakdown, amounts as plain decimals', async () => {
    const text = await new Response(
      ordersCsvStream(parseOrderFilters({ q: `shipped@${domain}` })),
    ).text();
    const [header, row, ...rest] = csvRecords(text);
    expect(rest).toEqual([]);
    const record = Object.fromEntries(header!.map((name, index) => [name, row![index]]));
    expect(record).toMatchObject({
      number: String(numbers.shipped),
      fulfilment_status: 'shipped',
      carrier: 'UPS',
      tracking_number: '1Z999AA10123456784',
      shipped_at: '2025-05-02T08:00:00.000Z',
      shipping_name: 'Ada Buyer',
      shipping_address: '1 Main St, Springfield, IL 62701, United States',
      shipping_country: 'US',
      shipping_rate: 'Express',
      subtotal: '40.00',
      discount: '4.00',
      promotion_code: 'SPRING10',
      shipping: '5.50',
      tax: '3.29',
      total: '44.79',
    });
  });

  it('exports the packing list in its own order, and leaves shipping cells empty where there is none', async () => {
    const text = await new Response(
      ordersCsvStream(parseOrderFilters({ view: 'packing', q: domain })),
    ).text();
    const [header, ...rows] = csvRecords(text);
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => row[column('email')]!.split('@')[0])[0]).toBe('paid-early');
    expect(rows.map((row) => row[column('email')]!.split('@')[0]).at(-1)).toBe('paid-late');
    const first = rows[0]!;
    expect(first[column('fulfilment_status')]).toBe('unfulfilled');
    for (const name of ['carrier', 'tracking_number', 'shipped_at', 'shipping_address'])
      expect(first[column(name)], name).toBe('');
    expect(first[column('discount')]).toBe('0.00');
  });
});
