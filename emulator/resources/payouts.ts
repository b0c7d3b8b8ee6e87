// GET /v1/payouts[/:id]: the automatic payouts of the daily schedule (../payouts.ts). Creating,
// updating, canceling and reversing payouts through the API is not implemented.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import { parseParams, range, string, type RangeFilter } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';

export function payoutRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'GET', pattern: /^\/v1\/payouts$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/payouts\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findPayout(ctx, idAt(call)), paths);
      },
    },
  ];
}

export function findPayout(ctx: EmulatorContext, id: string): Stripe.Payout {
  const payout = ctx.state.payouts.get(id);
  if (!payout) throw resourceMissing('payout', id);
  return payout;
}

interface PayoutListParams extends ListParams {
  arrival_date?: number | RangeFilter;
  created?: number | RangeFilter;
  destination?: string;
  status?: string;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.Payout> {
  const params = parseParams<PayoutListParams>(
    {
      ...listRules,
      arrival_date: range(),
      created: range(),
      destination: string(),
      status: string({ oneOf: ['pending', 'in_transit', 'paid', 'failed', 'canceled'] }),
    },
    call.params,
  );
  const payouts = newestFirst(ctx.state.payouts.values(), (payout) => {
    if (params.status !== undefined && payout.status !== params.status) return false;
    if (params.destination !== undefined && payout.destination !== params.destination) return false;
    return (
      inRange(payout.created, params.created) && inRange(payout.arrival_date, params.arrival_date)
    );
  });
  return expand(ctx.state, paginate(payouts, params, call.path, 'payout'), params.expand);
}
