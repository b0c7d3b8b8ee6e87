import { amountInputHint, formatMoney, parseMajorAmount } from '@/lib/money';

/**
 * The rules of a promotion code, pure: what the admin's form may say, what a code takes off a
 * subtotal, and how a code reads in words. No database, no Stripe, no clock but the one passed in,
 * so the form's live preview (in the browser) and the server say the same thing.
 */

/** What a code takes off and when: the fields the discount depends on, as the row stores them. */
export interface PromotionTerms {
  /** Exactly one of percentOff (0 < p <= 100, two decimals at most) and amountOff is set. */
  percentOff: number | null;
  amountOff: number | null;
  /** The currency of amountOff and minimumAmount; null for a percentage with no minimum. */
  currency: string | null;
  minimumAmount: number | null;
}

/** A validated promotion code, ready to be made in Stripe (lib/promotions/operations.ts). */
export interface PromotionDraft extends PromotionTerms {
  /** Upper-cased for display; Stripe matches what customers type case-insensitively. */
  code: string;
  /** The instant it stops working: the end (UTC) of the day the admin chose. */
  expiresAt: Date | null;
  maxRedemptions: number | null;
  firstTimeTransaction: boolean;
}

/** The form's fields, by name (components/admin/promotion-form.tsx), all as typed. */
export interface PromotionForm {
  code?: string;
  /** 'percent' or 'fixed'. */
  kind?: string;
  /** The percentage for a percent code, the money off (major units) for a fixed one. */
  amount?: string;
  currency?: string;
  /** YYYY-MM-DD, as <input type="date"> sends it; empty for no expiry. */
  expiresOn?: string;
  maxRedemptions?: string;
  /** 'on' when checked. */
  firstOrderOnly?: string;
  minimumAmount?: string;
}

export type DraftResult =
  | { ok: true; draft: PromotionDraft }
  | { ok: false; fieldErrors: Partial<Record<keyof PromotionForm, string>> };

// Stripe's rule for the customer-facing code, as the pinned SDK's PromotionCodeCreateParams.code
// documents it: letters, digits and dashes. 40 is also the longest coupon name Stripe shows.
const CODE_CHARACTERS = /^[A-Za-z0-9-]+$/;
export const CODE_MIN_LENGTH = 3;
export const CODE_MAX_LENGTH = 40;
// A percentage with at most two decimals, as promotion_codes.percent_off (numeric 5,2) keeps it.
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** Stripe refuses a coupon's redeem_by more than five years ahead (CouponCreateParams.redeem_by). */
const LONGEST_EXPIRY_MS = 5 * 365 * DAY_MS;
const LARGEST_COUNT = 1_000_000_000;

/**
 * Reads the admin's form into a draft, or says what is wrong with each field. `currencies` are the
 * store's (lower case); the currency defaults to the first of them (STORE_CURRENCY). The rules:
 * 1. code: 3 to 40 letters, digits or dashes; kept upper-cased.
 * 2. kind percent: above 0, at most 100, two decimals at most. kind fixed: an amount above zero
 *    in the chosen currency, with at most its minor-unit digits (none for JPY, three for KWD).
 * 3. currency: one of the store's; a percentage needs one only for its minimum amount.
 * 4. expiresOn: a day from today (UTC) on, within five years; the code works to that day's end.
 * 5. maxRedemptions: a whole number from 1; empty for no limit.
 * 6. minimumAmount: an amount above zero in the same currency; empty for no minimum.
 */
export function parsePromotionForm(
  form: PromotionForm,
  context: { currencies: readonly string[]; now: Date },
): DraftResult {
  const errors: Partial<Record<keyof PromotionForm, string>> = {};
  const text = (name: keyof PromotionForm) => (form[name] ?? '').trim();

  const code = text('code').toUpperCase();
  if (code.length < CODE_MIN_LENGTH || code.length > CODE_MAX_LENGTH)
    errors.code = `Use ${CODE_MIN_LENGTH} to ${CODE_MAX_LENGTH} characters.`;
  else if (!CODE_CHARACTERS.test(code))
    errors.code = 'Use only letters, digits and dashes (-), such as SUMMER-10.';

  const kind = text('kind');
  if (kind !== 'percent' && kind !== 'fixed')
    errors.kind = 'Choose a percentage or a fixed amount.';

  const currency = (text('currency') || context.currencies[0] || '').toLowerCase();
  const knownCurrency = context.currencies.includes(currency);
  const minimumTyped = text('minimumAmount');
  if (!knownCurrency && (kind === 'fixed' || minimumTyped !== ''))
    errors.currency = `Choose one of the store’s currencies: ${context.currencies.map((c) => c.toUpperCase()).join(', ')}.`;

  let percentOff: number | null = null;
  let amountOff: number | null = null;
  const amount = text('amount');
  if (kind === 'percent') {
    percentOff = PERCENT.test(amount) ? Number(amount) : null;
    if (percentOff === null || percentOff <= 0 || percentOff > 100)
      errors.amount = 'Enter a percentage above 0 and at most 100, such as 10 or 12.5.';
  } else if (kind === 'fixed' && knownCurrency) {
    amountOff = parseMajorAmount(amount, currency);
    if (amountOff === null) errors.amount = amountInputHint(currency);
    else if (amountOff === 0) errors.amount = 'Enter an amount above zero.';
  }

  let minimumAmount: number | null = null;
  if (minimumTyped !== '' && knownCurrency) {
    minimumAmount = parseMajorAmount(minimumTyped, currency);
    if (minimumAmount === null) errors.minimumAmount = amountInputHint(currency);
    else if (minimumAmount === 0)
      errors.minimumAmount = 'Enter an amount above zero, or leave empty for no minimum.';
  }

  const expiry = expiryOf(text('expiresOn'), context.now);
  if ('problem' in expiry) errors.expiresOn = expiry.problem;

  let maxRedemptions: number | null = null;
  const count = text('maxRedemptions');
  if (count !== '') {
    maxRedemptions = /^\d{1,10}$/.test(count) ? Number(count) : 0;
    if (maxRedemptions < 1 || maxRedemptions > LARGEST_COUNT)
      errors.maxRedemptions = 'Enter a whole number of 1 or more, or leave empty for no limit.';
  }

  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
  return {
    ok: true,
    draft: {
      code,
      percentOff,
      amountOff,
      currency: amountOff !== null || minimumAmount !== null ? currency : null,
      minimumAmount,
      expiresAt: 'at' in expiry ? expiry.at : null,
      maxRedemptions,
      firstTimeTransaction: text('firstOrderOnly') === 'on',
    },
  };
}

/** A typed day to the instant the code stops working: the next midnight UTC. */
function expiryOf(typed: string, now: Date): { at: Date | null } | { problem: string } {
  if (typed === '') return { at: null };
  const match = DATE.exec(typed);
  const [year, month, day] = match ? match.slice(1).map(Number) : [];
  const start = match ? new Date(Date.UTC(year!, month! - 1, day!)) : null;
  // Date.UTC rolls 2026-02-30 over into March: a day that does not round-trip does not exist.
  if (!start || start.toISOString().slice(0, 10) !== typed)
    return { problem: 'Enter a date such as 2026-12-31.' };
  const at = new Date(start.getTime() + DAY_MS);
  if (at <= now) return { problem: 'Choose today or a later day: this one is over (UTC).' };
  if (at.getTime() - now.getTime() > LONGEST_EXPIRY_MS)
    return { problem: 'Choose a day within five years: Stripe allows no later expiry.' };
  return { at };
}

/** The last day a code works (YYYY-MM-DD, UTC), the inverse of the form's expiry. */
export function lastDayOf(expiresAt: Date): string {
  return new Date(expiresAt.getTime() - 1).toISOString().slice(0, 10);
}

/** "10% off", "12.5% off", "$5.00 off orders of $30.00 or more". */
export function describePromotion(code: PromotionTerms): string {
  const off =
    code.percentOff !== null
      ? `${formatPercent(code.percentOff)} off`
      : `${formatMoney(code.amountOff ?? 0, code.currency ?? '')} off`;
  return code.minimumAmount !== null && code.currency !== null
    ? `${off} orders of ${formatMoney(code.minimumAmount, code.currency)} or more`
    : off;
}

function formatPercent(percent: number): string {
  return `${percent.toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** The limits in words: ["Until 31 Dec 2026", "Up to 100 uses", "First order only"]. */
export function describeLimits(
  code: Pick<PromotionDraft, 'expiresAt' | 'maxRedemptions' | 'firstTimeTransaction'>,
): string[] {
  const limits: string[] = [];
  if (code.expiresAt)
    limits.push(`Until ${dayFormat.format(new Date(code.expiresAt.getTime() - 1))} (UTC)`);
  if (code.maxRedemptions !== null)
    limits.push(
      `Up to ${code.maxRedemptions.toLocaleString('en-US')} ${code.maxRedemptions === 1 ? 'use' : 'uses'}`,
    );
  if (code.firstTimeTransaction) limits.push('First order only');
  return limits;
}

export type PromotionStatus = 'active' | 'expired' | 'used_up' | 'inactive';

export const PROMOTION_STATUS_LABELS: Record<PromotionStatus, string> = {
  active: 'Active',
  expired: 'Expired',
  used_up: 'Used up',
  inactive: 'Inactive',
};

/**
 * Whether customers can use a code now: deactivated first, then past its expiry, then used as
 * often as allowed (counted from the store's paid orders, lib/promotions/queries.ts).
 */
export function promotionStatus(
  code: { active: boolean; expiresAt: Date | null; maxRedemptions: number | null },
  redemptions: number,
  now: Date,
): PromotionStatus {
  if (!code.active) return 'inactive';
  if (code.expiresAt && code.expiresAt <= now) return 'expired';
  if (code.maxRedemptions !== null && redemptions >= code.maxRedemptions) return 'used_up';
  return 'active';
}
