// The account's money settings: what Stripe charges per card payment, how long funds stay pending,
// when they are paid out and to which bank account. Set by `startEmulator({ balance })`, changed at
// run time through the control API (POST /_emulator/balance/settings), restored by POST /reset.
import { ControlError, type Json } from '../control/control-error';

export interface BalanceSettings {
  /** Percentage of each card payment Stripe keeps (2.9 = 2.9 %). */
  feePercent: number;
  /** Fixed fee per card payment, per currency, in its smallest unit; `default` for the others. */
  feeFixed: Record<string, number>;
  /** Days after the payment's day (UTC) its funds become available. */
  availableAfterDays: number;
  /** `daily`: the available balance is paid out at the start of each UTC day; `manual`: never by itself. */
  payoutSchedule: 'daily' | 'manual';
  /** Days from a payout's creation to its `arrival_date`, when it is paid (or fails). */
  payoutArrivalDays: number;
  /** Account number of the default external bank account: Stripe's test numbers decide the outcome. */
  externalAccount: string;
}

// Stripe's standard US pricing, 2.9 % + 30¢ per successful card charge (stripe.com/pricing); the
// fixed part in other currencies follows Stripe's local price lists (UNCONFIRMED for those not here).
export const STANDARD_FIXED_FEES: Record<string, number> = {
  usd: 30,
  eur: 25,
  gbp: 20,
  cad: 30,
  aud: 30,
  chf: 30,
  jpy: 0,
  default: 30,
};

// US cards settle on a 2-day rolling basis (docs.stripe.com/payouts#payout-schedule); standard
// payouts reach a US bank in about 2 business days (docs.stripe.com/payouts).
export function defaultBalanceSettings(): BalanceSettings {
  return {
    feePercent: 2.9,
    feeFixed: { ...STANDARD_FIXED_FEES },
    availableAfterDays: 2,
    payoutSchedule: 'daily',
    payoutArrivalDays: 2,
    externalAccount: '000123456789',
  };
}

/** The settings with the control API's snake_case fields applied; throws on a bad value. */
export function withControlChanges(settings: BalanceSettings, input: Json): BalanceSettings {
  const next: BalanceSettings = { ...settings, feeFixed: { ...settings.feeFixed } };
  const count = (name: string, value: unknown): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new ControlError(400, `\`${name}\` must be a number >= 0.`);
    return value;
  };
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case 'fee_percent':
        next.feePercent = count(key, value);
        break;
      case 'fee_fixed':
        if (typeof value !== 'object' || value === null)
          throw new ControlError(400, '`fee_fixed` must be an object: { "usd": 30, ... }.');
        for (const [currency, amount] of Object.entries(value as Json))
          next.feeFixed[currency.toLowerCase()] = Math.round(
            count(`fee_fixed.${currency}`, amount),
          );
        break;
      case 'available_after_days':
        next.availableAfterDays = Math.floor(count(key, value));
        break;
      case 'payout_arrival_days':
        next.payoutArrivalDays = Math.floor(count(key, value));
        break;
      case 'payout_schedule':
        if (value !== 'daily' && value !== 'manual')
          throw new ControlError(400, '`payout_schedule` must be daily or manual.');
        next.payoutSchedule = value;
        break;
      case 'external_account':
        if (typeof value !== 'string' || !/^\d{4,17}$/.test(value))
          throw new ControlError(400, '`external_account` must be a bank account number.');
        next.externalAccount = value;
        break;
      default:
        throw new ControlError(400, `Unknown balance setting \`${key}\`.`);
    }
  }
  return next;
}

/** The settings as the control API shows them. */
export function settingsJson(settings: BalanceSettings): Json {
  return {
    fee_percent: settings.feePercent,
    fee_fixed: settings.feeFixed,
    available_after_days: settings.availableAfterDays,
    payout_schedule: settings.payoutSchedule,
    payout_arrival_days: settings.payoutArrivalDays,
    external_account: settings.externalAccount,
  };
}

/** The settings in force, those to restore on reset, and the day of the last daily payout. */
export interface BalanceAccount {
  configured: BalanceSettings;
  settings: BalanceSettings;
  /** Midnight UTC of the last day the schedule ran: the first tick of a new day pays out. */
  lastDailyPayout: number;
}

export function newBalanceAccount(
  settings: BalanceSettings = defaultBalanceSettings(),
): BalanceAccount {
  const now = Math.floor(Date.now() / 1000);
  return {
    configured: settings,
    settings: { ...settings, feeFixed: { ...settings.feeFixed } },
    lastDailyPayout: now - (now % 86_400),
  };
}
