import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { connect, useConnection, type Connection } from '@/db/client';
import { auditLog, shippingRates, shippingZones } from '@/db/schema';
import {
  createShippingRate,
  createShippingZone,
  deleteShippingZone,
  updateShippingZone,
} from '@/lib/shipping/edit';
import { rateFields } from '@/lib/shipping/forms';
import {
  allowedShippingCountries,
  listShippingZones,
  shippingChoiceFor,
} from '@/lib/shipping/zones';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Zones are store-wide (a country ships from one zone), so this file gets a database of its own
// and makes it the app's db(): other files' zones cannot collide with these.
let database: TestDatabase;
let connection: Connection;
const db = () => connection.db;
const actor = { id: 'test', email: 'zones@example.com', ip: '192.0.2.7' };

beforeAll(async () => {
  database = await createTestDatabase('shopfront_shipping', inject('databaseUrl'));
  connection = connect(database.url, { max: 4 });
  useConnection(connection);
});

afterAll(async () => {
  await connection.sql.end();
  await database.dispose();
});

beforeEach(async () => {
  await db().delete(shippingZones);
});

async function zone(name: string, countries: string[], position = 0) {
  const [row] = await db()
    .insert(shippingZones)
    .values({ name, countries, position })
    .returning({ id: shippingZones.id });
  return row!.id;
}

async function rate(zoneId: string, fields: Partial<typeof shippingRates.$inferInsert> = {}) {
  const [row] = await db()
    .insert(shippingRates)
    .values({ zoneId, name: 'Standard', amount: 500, currency: 'usd', ...fields })
    .returning({ id: shippingRates.id });
  return row!.id;
}

describe('the shipping a cart is offered', () => {
  it("quotes the country's zone, cheapest first, free over the threshold", async () => {
    const domestic = await zone('Domestic', ['US']);
    await rate(domestic, { name: 'Express', amount: 1500, minDays: 1, maxDays: 2, position: 0 });
    await rate(domestic, {
      name: 'Standard',
      amount: 500,
      freeOverAmount: 7500,
      minDays: 3,
      maxDays: 5,
      position: 1,
    });
    const europe = await zone('Europe', ['GB', 'DE'], 1);
    await rate(europe, { name: 'Europe standard', amount: 1200 });

    const small = await shippingChoiceFor('us', { subtotal: 4000, currency: 'usd' });
    expect(small).toMatchObject({
      kind: 'ok',
      zoneId: domestic,
      zoneName: 'Domestic',
      countries: ['US'],
    });
    expect(small.kind === 'ok' && small.options.map((o) => [o.name, o.amount, o.free])).toEqual([
      ['Standard', 500, false],
      ['Express', 1500, false],
    ]);
    const large = await shippingChoiceFor('US', { subtotal: 7500, currency: 'usd' });
    expect(large.kind === 'ok' && large.options[0]).toMatchObject({
      name: 'Standard',
      amount: 0,
      free: true,
      minDays: 3,
      maxDays: 5,
    });
    const german = await shippingChoiceFor('DE', { subtotal: 4000, currency: 'usd' });
    expect(german.kind === 'ok' && german.options.map((o) => o.name)).toEqual(['Europe standard']);
  });

  it('says when the store does not ship to the country, and when its zone has nothing to offer', async () => {
    const domestic = await zone('Domestic', ['US']);
    await rate(domestic, { active: false });
    await rate(domestic, { currency: 'sek', amount: 5000 });

    expect(await shippingChoiceFor('fr', { subtotal: 4000, currency: 'usd' })).toEqual({
      kind: 'not_shipped',
      country: 'FR',
    });
    expect(await shippingChoiceFor('US', { subtotal: 4000, currency: 'usd' })).toEqual({
      kind: 'no_rates',
      country: 'US',
    });
    expect(await shippingChoiceFor('US', { subtotal: 40000, currency: 'sek' })).toMatchObject({
      kind: 'ok',
      options: [{ amount: 5000, currency: 'sek' }],
    });
  });

  it('answers the same zone every time, even if two zones were ever given one country', async () => {
    // Only a write outside lib/shipping/edit.ts can do this; the first in the admin's order wins.
    const second = await zone('Second', ['CA'], 2);
    const first = await zone('First', ['CA'], 1);
    await rate(first, { name: 'From first' });
    await rate(second, { name: 'From second' });
    for (let i = 0; i < 3; i++) {
      const choice = await shippingChoiceFor('CA', { subtotal: 100, currency: 'usd' });
      expect(choice).toMatchObject({ kind: 'ok', zoneId: first, zoneName: 'First' });
    }
  });

  it('lists where the store ships: every zone country once, sorted', async () => {
    expect(await allowedShippingCountries()).toEqual([]);
    await zone('Domestic', ['US']);
    await zone('Europe', ['SE', 'GB', 'DE']);
    await zone('North', ['CA', 'SE'], 3);
    expect(await allowedShippingCountries()).toEqual(['CA', 'DE', 'GB', 'SE', 'US']);
  });
});

describe('saving zones', () => {
  it('keeps a country in one zone, naming the country and the zone that has it', async () => {
    const europe = await createShippingZone({ name: 'Europe', countries: ['DE', 'GB'] }, actor);
    expect(europe.ok).toBe(true);
    const clash = await createShippingZone({ name: 'Islands', countries: ['IE', 'GB'] }, actor);
    expect(clash).toEqual({
      ok: false,
      message: 'Check the highlighted fields.',
      fieldErrors: {
        countries:
          'United Kingdom (GB) is already in the zone “Europe”: a country ships from one zone only, so remove it there first.',
      },
    });
    expect((await listShippingZones()).map((z) => z.name)).toEqual(['Europe']);

    // A zone keeps its own countries when saved again.
    const renamed = await updateShippingZone(
      europe.ok ? europe.id : '',
      { name: 'EU and UK', countries: ['DE', 'FR', 'GB'] },
      actor,
    );
    expect(renamed.ok).toBe(true);
    const domestic = await createShippingZone({ name: 'Domestic', countries: ['US'] }, actor);
    const moved = await updateShippingZone(
      domestic.ok ? domestic.id : '',
      { name: 'Domestic', countries: ['US', 'FR'] },
      actor,
    );
    expect(moved).toMatchObject({
      ok: false,
      fieldErrors: {
        countries: expect.stringMatching(/^France \(FR\) is already in the zone “EU and UK”/),
      },
    });
  });

  it('lets only one of two simultaneous saves claim a country', async () => {
    const results = await Promise.all([
      createShippingZone({ name: 'A', countries: ['NO'] }, actor),
      createShippingZone({ name: 'B', countries: ['DK', 'NO'] }, actor),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const zones = await listShippingZones();
    expect(zones.filter((z) => z.countries.includes('NO'))).toHaveLength(1);
  });

  it('deletes a zone with its rates, and audits each change', async () => {
    const created = await createShippingZone({ name: 'Nordics', countries: ['SE'] }, actor);
    if (!created.ok) throw new Error(created.message);
    const input = rateFields('usd').parse({
      name: 'Standard',
      price: '9.00',
      minDays: '2',
      maxDays: '4',
      active: 'on',
    });
    expect((await createShippingRate(created.id, input, actor)).ok).toBe(true);
    expect(await deleteShippingZone(created.id, actor)).toMatchObject({ ok: true });
    expect(await db().select().from(shippingRates)).toEqual([]);
    expect(await deleteShippingZone(created.id, actor)).toEqual({
      ok: false,
      message: 'That shipping zone no longer exists.',
    });
    expect(await createShippingRate(created.id, input, actor)).toMatchObject({ ok: false });

    const audit = await db()
      .select({ action: auditLog.action, actor: auditLog.actor, ip: auditLog.ip })
      .from(auditLog)
      .where(eq(auditLog.targetId, created.id))
      .orderBy(auditLog.id);
    expect(audit).toEqual([
      { action: 'shipping_zone.create', actor: actor.email, ip: actor.ip },
      { action: 'shipping_rate.create', actor: actor.email, ip: actor.ip },
      { action: 'shipping_zone.delete', actor: actor.email, ip: actor.ip },
    ]);
  });
});
