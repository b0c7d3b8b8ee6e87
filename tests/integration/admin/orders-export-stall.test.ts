import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { parseOrderFilters } from '@/lib/admin/order-filters';
import { ordersCsvStream } from '@/lib/admin/orders-export';

// A CSV download whose client stops reading must give its database connection back. With a pool
// of one connection, anything else the store asks the database waits for the export's.
process.env.DATABASE_POOL_MAX = '1';
process.env.CSV_EXPORT_STALL_SECONDS = '1';

const domain = `stall-${randomBytes(4).toString('hex')}.example.com`;

beforeAll(async () => {
  // More rows than one batch, so the export's cursor stays open between batches.
  await db().execute(sql`
    INSERT INTO orders (status, email, currency, amount_subtotal, amount_total, created_at)
    SELECT 'canceled', 'buyer' || n || '@' || ${domain}, 'usd', 100, 100, now() - n * interval '1 second'
      FROM generate_series(1, 5000) AS n`);
});

afterAll(async () => {
  await db().execute(sql`DELETE FROM orders WHERE email LIKE ${`%@${domain}`}`);
  await db().$client.end();
});

describe('a stalled CSV export', () => {
  it('frees its connection once the client stops reading, and the store keeps answering', async () => {
    const reader = ordersCsvStream(parseOrderFilters({ q: domain })).getReader();
    const header = await reader.read();
    const firstBatch = await reader.read();
    expect(new TextDecoder().decode(header.value)).toMatch(/^number,created_at,status/);
    expect(new TextDecoder().decode(firstBatch.value)).toContain(`@${domain}`);

    // The client reads nothing more. The pool's one connection is the export's cursor until the
    // stall releases it; this query answers only then.
    const [row] = await db().execute<{ answer: number }>(sql`SELECT 1 AS answer`);
    expect(row).toEqual({ answer: 1 });

    // The download itself ends with an error (the client sees a truncated file, not a hang).
    await expect(reader.read()).rejects.toThrow('CSV export: the client took nothing for 1 s');
  });

  it('a client that keeps reading gets every row', async () => {
    const text = await new Response(ordersCsvStream(parseOrderFilters({ q: domain }))).text();
    expect(text.trimEnd().split('\r\n')).toHaveLength(1 + 5000);
  });
});
