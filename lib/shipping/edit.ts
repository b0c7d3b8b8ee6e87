import { and, arrayOverlaps, eq, ne, sql } from 'drizzle-orm';
import { db, type Transaction } from '@/db/client';
import { shippingRates, shippingZones, type ShippingRate } from '@/db/schema';
import type { Actor } from '@/lib/auth/admin-action';
import { recordAudit } from '@/lib/platform/audit-log';
import { countryName } from './countries';
import type { RateInput, ZoneInput } from './forms';

// The shipping admin's changes: each runs in one transaction with its audit row.

export type ShippingEditResult =
  | { ok: true; id: string; message: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

const GONE_ZONE: ShippingEditResult = {
  ok: false,
  message: 'That shipping zone no longer exists.',
};
const GONE_RATE: ShippingEditResult = {
  ok: false,
  message: 'That shipping rate no longer exists.',
};

/**
 * A country ships from one zone, or a cart sent there would have two sets of rates. Writers take
 * this lock first, so two saves cannot both pass the check below; readers never wait for it.
 */
async function lockZones(tx: Transaction): Promise<void> {
  await tx.execute(sql`LOCK TABLE ${shippingZones} IN SHARE ROW EXCLUSIVE MODE`);
}

/** The first of `countries` another zone already has, named with that zone; null when none. */
async function countryClash(
  tx: Transaction,
  countries: string[],
  exceptZoneId: string | null,
): Promise<ShippingEditResult | null> {
  const others = await tx
    .select({ name: shippingZones.name, countries: shippingZones.countries })
    .from(shippingZones)
    .where(
      and(
        arrayOverlaps(shippingZones.countries, countries),
        exceptZoneId ? ne(shippingZones.id, exceptZoneId) : undefined,
      ),
    );
  for (const country of countries) {
    const other = others.find((zone) => zone.countries.includes(country));
    if (other) {
      return {
        ok: false,
        message: 'Check the highlighted fields.',
        fieldErrors: {
          countries: `${countryName(country)} (${country}) is already in the zone “${other.name}”: a country ships from one zone only, so remove it there first.`,
        },
      };
    }
  }
  return null;
}

export async function createShippingZone(
  input: ZoneInput,
  actor: Actor,
): Promise<ShippingEditResult> {
  return db().transaction(async (tx) => {
    await lockZones(tx);
    const clash = await countryClash(tx, input.countries, null);
    if (clash) return clash;
    const [row] = await tx
      .insert(shippingZones)
      .values({
        ...input,
        position: sql`(SELECT coalesce(max(${shippingZones.position}) + 1, 0) FROM ${shippingZones})`,
      })
      .returning({ id: shippingZones.id });
    await recordAudit(tx, actor, {
      action: 'shipping_zone.create',
      targetType: 'shipping_zone',
      targetId: row!.id,
      detail: { ...input },
    });
    return { ok: true, id: row!.id, message: `Created the zone ${input.name}.` };
  });
}

export async function updateShippingZone(
  id: string,
  input: ZoneInput,
  actor: Actor,
): Promise<ShippingEditResult> {
  return db().transaction(async (tx) => {
    await lockZones(tx);
    const [before] = await tx.select().from(shippingZones).where(eq(shippingZones.id, id));
    if (!before) return GONE_ZONE;
    const clash = await countryClash(tx, input.countries, id);
    if (clash) return clash;
    await tx
      .update(shippingZones)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(shippingZones.id, id));
    await recordAudit(tx, actor, {
      action: 'shipping_zone.update',
      targetType: 'shipping_zone',
      targetId: id,
      detail: {
        name: { from: before.name, to: input.name },
        countries: { from: before.countries, to: input.countries },
      },
    });
    return { ok: true, id, message: `Saved the zone ${input.name}.` };
  });
}

/** Deleting a zone deletes its rates; orders keep the rate name and amount they were sold with. */
export async function deleteShippingZone(id: string, actor: Actor): Promise<ShippingEditResult> {
  return db().transaction(async (tx) => {
    const [row] = await tx.delete(shippingZones).where(eq(shippingZones.id, id)).returning();
    if (!row) return GONE_ZONE;
    await recordAudit(tx, actor, {
      action: 'shipping_zone.delete',
      targetType: 'shipping_zone',
      targetId: id,
      detail: { name: row.name, countries: row.countries },
    });
    return { ok: true, id, message: `Deleted the zone ${row.name} and its rates.` };
  });
}

/** A rate's audit detail: what a person needs to read the change without the row. */
function rateDetail(rate: Pick<ShippingRate, 'id' | 'name'> & RateInput) {
  return {
    rateId: rate.id,
    name: rate.name,
    amount: rate.amount,
    currency: rate.currency,
    freeOverAmount: rate.freeOverAmount,
    minDays: rate.minDays,
    maxDays: rate.maxDays,
    active: rate.active,
  };
}

export async function createShippingRate(
  zoneId: string,
  input: RateInput,
  actor: Actor,
): Promise<ShippingEditResult> {
  return db().transaction(async (tx) => {
    // The zone's row lock keeps it from being deleted under the new rate.
    const [zone] = await tx
      .select({ id: shippingZones.id })
      .from(shippingZones)
      .where(eq(shippingZones.id, zoneId))
      .for('update');
    if (!zone) return GONE_ZONE;
    const [row] = await tx
      .insert(shippingRates)
      .values({
        ...input,
        zoneId,
        position: sql`(SELECT coalesce(max(${shippingRates.position}) + 1, 0) FROM ${shippingRates} WHERE ${shippingRates.zoneId} = ${zoneId})`,
      })
      .returning({ id: shippingRates.id });
    await recordAudit(tx, actor, {
      action: 'shipping_rate.create',
      targetType: 'shipping_zone',
      targetId: zoneId,
      detail: rateDetail({ id: row!.id, ...input }),
    });
    return { ok: true, id: row!.id, message: `Added the rate ${input.name}.` };
  });
}

export async function updateShippingRate(
  id: string,
  input: RateInput,
  actor: Actor,
): Promise<ShippingEditResult> {
  return db().transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(shippingRates)
      .where(eq(shippingRates.id, id))
      .for('update');
    if (!before) return GONE_RATE;
    await tx
      .update(shippingRates)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(shippingRates.id, id));
    await recordAudit(tx, actor, {
      action: 'shipping_rate.update',
      targetType: 'shipping_zone',
      targetId: before.zoneId,
      detail: { before: rateDetail(before), after: rateDetail({ id, ...input }) },
    });
    return { ok: true, id, message: `Saved the rate ${input.name}.` };
  });
}

/** An inactive rate stays listed for the admin but is never offered at checkout. */
export async function setShippingRateActive(
  id: string,
  active: boolean,
  actor: Actor,
): Promise<ShippingEditResult> {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .update(shippingRates)
      .set({ active, updatedAt: new Date() })
      .where(eq(shippingRates.id, id))
      .returning();
    if (!row) return GONE_RATE;
    await recordAudit(tx, actor, {
      action: active ? 'shipping_rate.activate' : 'shipping_rate.deactivate',
      targetType: 'shipping_zone',
      targetId: row.zoneId,
      detail: { rateId: id, name: row.name },
    });
    return {
      ok: true,
      id,
      message: active
        ? `${row.name} is offered at checkout again.`
        : `${row.name} is no longer offered at checkout.`,
    };
  });
}

export async function deleteShippingRate(id: string, actor: Actor): Promise<ShippingEditResult> {
  return db().transaction(async (tx) => {
    const [row] = await tx.delete(shippingRates).where(eq(shippingRates.id, id)).returning();
    if (!row) return GONE_RATE;
    await recordAudit(tx, actor, {
      action: 'shipping_rate.delete',
      targetType: 'shipping_zone',
      targetId: row.zoneId,
      detail: rateDetail(row),
    });
    return { ok: true, id, message: `Deleted the rate ${row.name}.` };
  });
}
