import { asc, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { shippingRates, shippingZones } from '@/db/schema';
import { quoteRates, type ShippingQuote } from './rates';

/** What the store can offer a cart going to one country. */
export type ShippingChoice =
  | { kind: 'ok'; zoneId: string; zoneName: string; countries: string[]; options: ShippingQuote[] }
  | { kind: 'not_shipped'; country: string }
  | { kind: 'no_rates'; country: string };

/** The first zone (by position) that holds the country, with its rates quoted for the cart. */
export async function shippingChoiceFor(
  country: string,
  cart: { subtotal: number; currency: string },
  executor: Executor = db(),
): Promise<ShippingChoice> {
  const code = country.toUpperCase();
  const [zone] = await executor
    .select()
    .from(shippingZones)
    .where(sql`${code} = ANY(${shippingZones.countries})`)
    .orderBy(asc(shippingZones.position), asc(shippingZones.createdAt))
    .limit(1);
  if (!zone) return { kind: 'not_shipped', country: code };
  const rates = await executor
    .select()
    .from(shippingRates)
    .where(sql`${shippingRates.zoneId} = ${zone.id}`)
    .orderBy(asc(shippingRates.position));
  const options = quoteRates(rates, cart);
  if (options.length === 0) return { kind: 'no_rates', country: code };
  return {
    kind: 'ok',
    zoneId: zone.id,
    zoneName: zone.name,
    countries: zone.countries,
    options,
  };
}

/** Every country some zone holds, sorted: where the store ships. */
export async function allowedShippingCountries(): Promise<string[]> {
  const zones = await db().select({ countries: shippingZones.countries }).from(shippingZones);
  return [...new Set(zones.flatMap((zone) => zone.countries))].sort();
}
