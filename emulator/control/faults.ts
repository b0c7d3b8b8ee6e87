// Faults set through the control API: webhook deliveries duplicated, held, dropped or shuffled, and
// API outages ("answer 500 for a while").
import type { ApiFaults } from '../http/api';
import type { EmulatorContext } from '../context';
import { noDeliveryFaults } from '../webhooks/faults';
import type { Json } from './control-error';

interface FaultDeps {
  ctx: EmulatorContext;
  apiFaults: ApiFaults;
}

export function setFaults(deps: FaultDeps, input: Json): unknown {
  const deliveries = (input.deliveries ?? {}) as Json;
  const api = (input.api ?? {}) as Json;
  const count = (value: unknown): number =>
    typeof value === 'number' && value >= 0 ? Math.floor(value) : 0;
  if (input.deliveries !== undefined) {
    deps.ctx.dispatcher.faults = {
      remaining: count(deliveries.count ?? 1),
      duplicate: count(deliveries.duplicate),
      delayMs: count(deliveries.delay_ms),
      dropFirstAttempt: deliveries.drop_first_attempt === true,
      shuffleWindowMs: count(deliveries.shuffle_window_ms),
    };
  }
  if (input.api !== undefined) {
    deps.apiFaults.failNext = count(api.fail_next);
    deps.apiFaults.failUntilMs =
      api.fail_for_ms === undefined ? 0 : Date.now() + count(api.fail_for_ms);
    deps.apiFaults.delayMs = count(api.delay_ms);
  }
  return { deliveries: deps.ctx.dispatcher.faults, api: deps.apiFaults };
}

export function clearFaults(deps: FaultDeps): unknown {
  deps.ctx.dispatcher.faults = noDeliveryFaults();
  Object.assign(deps.apiFaults, { failNext: 0, failUntilMs: 0, delayMs: 0 });
  return { deliveries: deps.ctx.dispatcher.faults, api: deps.apiFaults };
}
