import { z } from 'zod';
import { amountInputHint, parseMajorAmount } from '@/lib/money';
import { storeCurrency } from '@/lib/platform/store-settings';
import { parseCountryList } from './countries';

// The shipping admin forms as submitted (all strings), read into what the tables store.

const zoneId = z.uuid('Unknown shipping zone.');
const rateId = z.uuid('Unknown shipping rate.');

/** A zone: a name and the countries it covers, typed as codes ("US, CA" or "gb ie"). */
export const zoneInput = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.'),
  countries: z.string().transform((typed, ctx) => {
    const parsed = parseCountryList(typed);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.countries;
  }),
});

export type ZoneInput = z.infer<typeof zoneInput>;

export const zoneEditInput = zoneInput.extend({ id: zoneId });

/** Stripe's delivery estimates take whole units above zero (SessionCreateParams' `value`). */
const businessDays = z
  .string()
  .trim()
  .default('')
  .refine(
    (value) => value === '' || /^([1-9]\d?|[12]\d\d|3[0-5]\d|36[0-5])$/.test(value),
    'Enter a whole number of business days from 1 to 365, or leave empty.',
  )
  .transform((value) => (value === '' ? null : Number(value)));

/**
 * A rate's fields, with amounts typed in major units of `currency` ("5.00", "500" yen). Rates are
 * priced in the store's currency: carts are, and a rate in another currency is never offered.
 */
export function rateFields(currency: string) {
  return z
    .object({
      name: z.string().trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.'),
      price: z.string().trim().min(1, 'Enter a price, 0 for free shipping.'),
      freeOver: z.string().trim().default(''),
      minDays: businessDays,
      maxDays: businessDays,
      active: z
        .string()
        .optional()
        .transform((value) => value === 'on'),
    })
    .transform((input, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      const amount = parseMajorAmount(input.price, currency);
      if (amount === null) issue('price', amountInputHint(currency));
      const freeOverAmount =
        input.freeOver === '' ? null : parseMajorAmount(input.freeOver, currency);
      // The column's check wants a threshold above zero: "free over 0" is just a free rate.
      const isFreeOverValid = input.freeOver === '' || (freeOverAmount ?? 0) > 0;
      if (!isFreeOverValid) {
        issue(
          'freeOver',
          freeOverAmount === 0
            ? 'Enter an amount above zero, or leave it empty if this rate is never free.'
            : `${amountInputHint(currency)} Leave it empty if this rate is never free.`,
        );
      }
      const isDaysOrdered =
        input.minDays === null || input.maxDays === null || input.maxDays >= input.minDays;
      if (!isDaysOrdered) issue('maxDays', 'The latest day cannot be before the earliest day.');
      if (amount === null || !isFreeOverValid || !isDaysOrdered) return z.NEVER;
      return {
        name: input.name,
        amount,
        currency,
        freeOverAmount,
        minDays: input.minDays,
        maxDays: input.maxDays,
        active: input.active,
      };
    });
}

export type RateInput = z.output<ReturnType<typeof rateFields>>;

// Read at parse time, so the store's currency is the one configured when the form is saved.
const storeRateFields = z.lazy(() => rateFields(storeCurrency()));

export const rateCreateInput = z.intersection(z.object({ zoneId }), storeRateFields);
export const rateEditInput = z.intersection(z.object({ id: rateId }), storeRateFields);

export const withZoneId = z.object({ id: zoneId });
export const withRateId = z.object({ id: rateId });
export const rateActiveInput = withRateId.extend({ active: z.enum(['true', 'false']) });
