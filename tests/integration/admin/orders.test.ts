import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { orderItems, orders, type OrderStatus } from '@/db/schema';
import { parseOrderFilters } from '@/lib/admin/order-filters';
import { listOrders } from '@/lib/admin/order-list';
import { ordersCsvStream } from '@/lib/admin/orders-export';
import { createProducts } from '@/tests/support/catalogue-fixtures';

const suffix = randomBytes(4).toString('hex');
const domain = `orders-${suffix}.example.com`;
const sameInstant = new Date('2025-03-10T12:00:00.123456Z');

beforeAll(async () => {
  const [product] = await createProducts([{ name: 'Mug', unitAmount: 1000, stock: null }]);
  const statuses: OrderStatus[] = ['paid', 'paid', 'refunded', 'pending', 'paid', 'failed', 'paid'];
  const inserted = await db()
    .insert(orders)
    .values(
      statuses.map((status, index) => ({
        status,
        email: `buyer${index}@${domain}`,
        // Four orders share one instant: the id must break the tie or paging would skip some.
        createdAt: index < 4 ? sameInstant : new Date(Date.UTC(2025, 2, 11 + index)),
        customerName: index === 1 ? '=HYPERLINK("http://evil.example","x")' : `Buyer ${index}`,
        currency: 'usd',
        amountSubtotal: 1000 * (index + 1),
        amountTotal: 1000 * (index + 1),
        amountRefunded: status === 'refunded' ? 1000 * (index + 1) : 0,
      })),
    )
    .returning({ id: orders.id });
  await db()
    .insert(orderItems)
    .values(
      inserted.map(({ id }, index) => ({
        orderId: id,
        productId: product!.id,
        name: 'Mug',
        unitAmount: 1000,
        quantity: index + 1,
      })),
    );
});

afterAll(async () => {
  await db().$client.end();
});

async function csvText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('orders list', () => {
  it('pages through every order exactly once by keyset, both ways, even with equal timestamps', async () => {
    const filters = parseOrderFilters({ q: domain });
    const all = await listOrders(filters, {}, 100);
    expect(all.rows).toHaveLength(7);

    const forward: string[] = [];
    let page = await listOrders(filters, {}, 2);
    const pages = [page];
    forward.push(...page.rows.map((row) => row.id));
    while (page.next) {
      page = await listOrders(filters, { after: page.next }, 2);
      pages.push(page);
      forward.push(...page.rows.map((row) => row.id));
    }
    expect(forward).toEqual(all.rows.map((row) => row.id));
    expect(pages[0]!.previous).toBeUndefined();

    const back = await listOrders(filters, { before: pages[2]!.previous }, 2);
    expect(back.rows.map((row) => row.id)).toEqual(pages[1]!.rows.map((row) => row.id));
  });

  it('pages oldest first too, the same rows in reverse', async () => {
    const newest = await listOrders(parseOrderFilters({ q: domain }), {}, 100);
    const oldest: string[] = [];
    let page = await listOrders(parseOrderFilters({ q: domain, sort: 'oldest' }), {}, 3);
    oldest.push(...page.rows.map((row) => row.id));
    while (page.next) {
      page = await listOrders(
        parseOrderFilters({ q: domain, sort: 'oldest' }),
        { after: page.next },
        3,
      );
      oldest.push(...page.rows.map((row) => row.id));
    }
    expect(oldest).toEqual(newest.rows.map((row) => row.id).reverse());
  });

  it('filters by several statuses, dates, amount and order number', async () => {
    const byStatus = await listOrders(
      parseOrderFilters({ q: domain, status: ['refunded', 'failed'] }),
    );
    expect(byStatus.rows.map((row) => row.status).sort()).toEqual(['failed', 'refunded']);

    const byDate = await listOrders(
      parseOrderFilters({ q: domain, from: '2025-03-10', to: '2025-03-10' }),
    );
    expect(byDate.rows).toHaveLength(4);

    const byAmount = await listOrders(parseOrderFilters({ q: domain, min: '20', max: '40.00' }));
    expect(byAmount.rows.map((row) => row.amountTotal).sort()).toEqual([2000, 3000, 4000]);

    const number = byAmount.rows[0]!.number;
    const byNumber = await listOrders(parseOrderFilters({ q: `#${number}` }));
    expect(byNumber.rows.map((row) => row.number)).toEqual([number]);
    expect(byNumber.rows[0]!.itemCount).toBeGreaterThan(0);
  });

  it('treats % and _ in a search as text, not wildcards', async () => {
    expect((await listOrders(parseOrderFilters({ q: `%@${domain}` }))).rows).toHaveLength(0);
  });
});

describe('orders CSV export', () => {
  it('exports exactly the filtered set, with amounts as decimals and formulas neutralised', async () => {
    const text = await csvText(ordersCsvStream(parseOrderFilters({ q: domain, status: 'paid' })));
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'number,created_at,status,dispute_status,email,customer_name,items,currency,subtotal,total,refunded,paid_at,stripe_payment_intent,' +
        'fulfilment_status,carrier,tracking_number,shipped_at,shipping_name,shipping_address,shipping_country,shipping_rate,discount,promotion_code,shipping,tax',
    );
    expect(lines).toHaveLength(1 + 4);
    expect(lines.slice(1).every((line) => line.includes(',paid,'))).toBe(true);
    const injected = lines.find((line) => line.includes('buyer1@'));
    expect(injected).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(injected).toContain(',usd,20.00,20.00,0.00,');
  });
});
