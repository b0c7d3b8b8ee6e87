import { env } from '@/lib/env';

/** The store's name as shoppers see it (STORE_NAME). */
export function storeName(): string {
  return env().STORE_NAME;
}

/** The currency new products and the demo catalogue are priced in (STORE_CURRENCY, lowercase). */
export function storeCurrency(): string {
  return env().STORE_CURRENCY;
}
