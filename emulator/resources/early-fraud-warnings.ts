// Radar early fraud warnings (`radar.early_fraud_warning`, docs.stripe.com/api/radar/early_fraud_warnings):
// the issuer's notice that a charge may be fraudulent, before (or instead of) a dispute. A warning
// is actionable until the charge "has received a dispute" or "has been fully refunded" (the
// `actionable` field's definition); docs.stripe.com/disputes/measuring#early-fraud-warnings.
import type Stripe from 'stripe';
import type { EmulatorContext, RequestOrigin } from '../context';
import { resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import { parseParams, range, string, type RangeFilter } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import { snapshot, previousAttributes } from '../previous-attributes';

/** The `fraud_type` values of the object reference. */
export const FRAUD_TYPES = [
  'card_never_received',
  'fraudulent_card_application',
  'made_with_counterfeit_card',
  'made_with_lost_card',
  'made_with_stolen_card',
  'misc',
  'unauthorized_use_of_card',
] as const;

export function earlyFraudWarningRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/v1\/radar\/early_fraud_warnings$/,
      handle: (call) => list(ctx, call),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/radar\/early_fraud_warnings\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        const warning = ctx.state.earlyFraudWarnings.get(idAt(call));
        if (!warning) throw resourceMissing('early fraud warning', idAt(call));
        return expand(ctx.state, warning, paths);
      },
    },
  ];
}

interface WarningListParams extends ListParams {
  charge?: string;
  payment_intent?: string;
  created?: number | RangeFilter;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.Radar.EarlyFraudWarning> {
  const params = parseParams<WarningListParams>(
    { ...listRules, charge: string(), payment_intent: string(), created: range() },
    call.params,
  );
  const warnings = newestFirst(ctx.state.earlyFraudWarnings.values(), (warning) => {
    if (params.charge !== undefined && warning.charge !== params.charge) return false;
    if (params.payment_intent !== undefined && warning.payment_intent !== params.payment_intent)
      return false;
    return inRange(warning.created, params.created);
  });
  return expand(
    ctx.state,
    paginate(warnings, params, call.path, 'radar.early_fraud_warning'),
    params.expand,
  );
}

/**
 * The issuer warns about `charge` (radar.early_fraud_warning.created). Stripe sends it some time
 * after the charge; the emulator at once, right after the charge's own events (UNCONFIRMED delay).
 */
export function raiseEarlyFraudWarning(
  ctx: EmulatorContext,
  charge: Stripe.Charge,
  fraudType: string = 'made_with_stolen_card',
  origin?: RequestOrigin,
): Stripe.Radar.EarlyFraudWarning {
  const warning: Stripe.Radar.EarlyFraudWarning = {
    id: newId('issfr', 24),
    object: 'radar.early_fraud_warning',
    // A charge already disputed or fully refunded leaves nothing to act on.
    actionable: !charge.disputed && !charge.refunded,
    charge: charge.id,
    created: ctx.clock.now(),
    fraud_type: fraudType,
    livemode: false,
    payment_intent: charge.payment_intent ?? undefined,
  };
  ctx.state.earlyFraudWarnings.set(warning.id, warning);
  ctx.emit('radar.early_fraud_warning.created', warning, origin);
  return warning;
}

/**
 * The charge was disputed or fully refunded: its warnings are no longer actionable
 * (radar.early_fraud_warning.updated with `previous_attributes.actionable: true`).
 */
export function settleEarlyFraudWarnings(
  ctx: EmulatorContext,
  chargeId: string,
  origin?: RequestOrigin,
): void {
  for (const warning of ctx.state.earlyFraudWarnings.values()) {
    if (warning.charge !== chargeId || !warning.actionable) continue;
    const before = snapshot(warning);
    warning.actionable = false;
    ctx.emit(
      'radar.early_fraud_warning.updated',
      warning,
      origin,
      previousAttributes(before, warning),
    );
  }
}
