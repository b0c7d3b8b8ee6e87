import { asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Executor } from '@/db/client';
import { shippingRates, shippingZones, type ShippingRate, type ShippingZone } from '@/db/schema';
import { quoteShipping, type ShippingQuote } from './rates';

export interface ShippingZoneWithRates extends ShippingZone {
  rates: ShippingRate[];
}

// Zones and rates list in the admin's order; creation and id break ties so every read agrees.
const ZONE_ORDER = [
  asc(shippingZones.position),
  asc(shippingZones.createdAt),
  asc(shippingZones.id),
];
const RATE_ORDER = [
  asc(shippingRates.position),
  asc(shippingRates.createdAt),
  asc(shippingRates.id),
];

/** Every zone with its rates (inactive ones included), for the admin screens. */
export async function listShippingZones(
  executor: Executor = db(),
): Promise<ShippingZoneWithRates[]> {
  const zones = await executor
    .select()
    .from(shippingZones)
    .orderBy(...ZONE_ORDER);
  return withRates(executor, zones);
}

/** One zone with its rates; null for an unknown id. */
export async function findShippingZone(
  id: string,
  executor: Executor = db(),
): Promise<ShippingZoneWithRates | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const zones = await executor.select().from(shippingZones).where(eq(shippingZones.id, id));
  const [zone] = await withRates(executor, zones);
  return zone ?? null;
}

async function withRates(
  executor: Executor,
  zones: ShippingZone[],
): Promise<ShippingZoneWithRates[]> {
  if (zones.length === 0) return [];
  const rates = await executor
    .select()
    .from(shippingRates)
    .where(
      inArray(
        shippingRates.zoneId,
        zones.map((zone) => zone.id),
      ),
    )
    .orderBy(...RATE_ORDER);
  return zones.map((zone) => ({ ...zone, rates: rates.filter((rate) => rate.zoneId === zone.id) }));
}

/** Where the store ships: every zone's countries, once each, sorted (Checkout's `allowed_countries`). */
export async function allowedShippingCountries(executor: Executor = db()): Promise<string[]> {
  const rows = await executor
    .selectDistinct({ country: sql<string>`unnest(${shippingZones.countries})`.as('country') })
    .from(shippingZones);
  return rows.map((row) => row.country).sort();
}

export type ShippingChoice =
  | { kind: 'ok'; zoneId: string; zoneName: string; countries: string[]; options: ShippingQuote[] }
  | { kind: 'not_shipped'; country: string }
  | { kind: 'no_rates'; country: string };

/**
 * The shipping a cart sent to `country` (ISO alpha-2, any case) is offered: its zone's rates,
 * quoted for the cart (lib/shipping/rates.ts). Saving zones keeps a country in one zone; should
 * two ever hold it, the first in the admin's order wins, so the answer never depends on the plan.
 */
export async function shippingChoiceFor(
  country: string,
  cart: { subtotal: number; currency: string },
  executor: Executor = db(),
): Promise<ShippingChoice> {
  const code = country.trim().toUpperCase();
  const [zone] = await executor
    .select()
    .from(shippingZones)
    .where(sql`${code} = ANY(${shippingZones.countries})`)
    .orderBy(...ZONE_ORDER)
    .limit(1);
  if (!zone) return { kind: 'not_shipped', country: code };
  const rates = await executor
    .select()
    .from(shippingRates)
    .where(eq(shippingRates.zoneId, zone.id))
    .orderBy(...RATE_ORDER);
  const options = quoteShipping(rates, cart);
  if (options.length === 0) return { kind: 'no_rates', country: code };
  return {
    kind: 'ok',
    zoneId: zone.id,
    zoneName: zone.name,
    countries: zone.countries,
    options,
  };
}
