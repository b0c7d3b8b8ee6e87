// GET /v1/balance and the balance transactions behind it (docs.stripe.com/api/balance_transactions).
import type Stripe from 'stripe';
import { balanceOf } from '../balance/ledger';
import type { EmulatorContext } from '../context';
import { resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import { parseParams, range, string, type RangeFilter } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';

export function balanceRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/v1\/balance$/,
      handle: (call) => {
        parseParams({}, call.params);
        return balanceOf(ctx);
      },
    },
    { method: 'GET', pattern: /^\/v1\/balance_transactions$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/balance_transactions\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        const transaction = ctx.state.balanceTransactions.get(idAt(call));
        if (!transaction) throw resourceMissing('balance_transaction', idAt(call));
        return expand(ctx.state, transaction, paths);
      },
    },
  ];
}

interface BalanceTransactionListParams extends ListParams {
  created?: number | RangeFilter;
  currency?: string;
  payout?: string;
  source?: string;
  type?: string;
  expand?: string[];
}

// `payout` lists the transactions that automatic payout paid out, whose nets sum to its amount;
// the payout's own `type: payout` transaction is not among them (UNCONFIRMED: filter it out
// by type if Stripe lists it too).
function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.BalanceTransaction> {
  const params = parseParams<BalanceTransactionListParams>(
    {
      ...listRules,
      created: range(),
      currency: string(),
      payout: string(),
      source: string(),
      type: string(),
    },
    call.params,
  );
  if (params.payout !== undefined && !ctx.state.payouts.has(params.payout))
    throw resourceMissing('payout', params.payout, 'payout');
  const transactions = newestFirst(ctx.state.balanceTransactions.values(), (transaction) => {
    if (params.currency !== undefined && transaction.currency !== params.currency.toLowerCase())
      return false;
    if (params.type !== undefined && transaction.type !== params.type) return false;
    if (params.source !== undefined && transaction.source !== params.source) return false;
    if (
      params.payout !== undefined &&
      ctx.state.payoutTransactions.get(transaction.id) !== params.payout
    )
      return false;
    return inRange(transaction.created, params.created);
  });
  return expand(
    ctx.state,
    paginate(transactions, params, call.path, 'balance_transaction'),
    params.expand,
  );
}
