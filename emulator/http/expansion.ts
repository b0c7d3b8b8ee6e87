// `expand[]`: replaces an id with the object it names, along dotted paths (`payment_intent.latest_charge`,
// `data.payment_intent` on lists). Stored objects are never mutated: each expanded level is a copy.
import type { EmulatorState } from '../state';
import { invalidRequest } from './errors';
import { paginate } from './lists';

type Json = Record<string, unknown>;

const MAX_DEPTH = 4; // Stripe allows expansions up to four levels deep.

export function expand<T>(state: EmulatorState, value: T, paths: readonly string[] | undefined): T {
  if (!paths || paths.length === 0) return value;
  for (const path of paths) {
    if (path.split('.').length > MAX_DEPTH) {
      throw invalidRequest(
        `You cannot expand more than ${MAX_DEPTH} levels of a property. Property: ${path}`,
        'expand',
      );
    }
  }
  return expandPaths(
    state,
    value as Json,
    paths.map((path) => path.split('.')),
    '',
  ) as T;
}

function expandPaths(state: EmulatorState, object: Json, paths: string[][], prefix: string): Json {
  const byHead = new Map<string, string[][]>();
  for (const [head, ...rest] of paths) {
    if (head === undefined) continue;
    const group = byHead.get(head) ?? [];
    if (rest.length > 0) group.push(rest);
    byHead.set(head, group);
  }
  const copy: Json = { ...object };
  for (const [head, rest] of byHead) {
    const path = prefix ? `${prefix}.${head}` : head;
    if (object.object === 'list' && head === 'data' && Array.isArray(object.data)) {
      copy.data = object.data.map((item: Json) => expandPaths(state, item, rest, path));
      continue;
    }
    const resolved = resolve(state, object, head, path);
    copy[head] =
      rest.length > 0 && resolved !== null && typeof resolved === 'object'
        ? expandPaths(state, resolved as Json, rest, path)
        : resolved;
  }
  return copy;
}

function resolve(state: EmulatorState, object: Json, field: string, path: string): unknown {
  if (object.object === 'checkout.session' && field === 'line_items') {
    const record = state.sessions.get(String(object.id));
    const items = record?.lineItems ?? [];
    return paginate(
      items,
      {},
      `/v1/checkout/sessions/${String(object.id)}/line_items`,
      'line_item',
    );
  }
  // `total_details.breakdown` exists only when expanded; the record keeps it.
  if (object.object === 'checkout.session' && field === 'total_details') {
    const breakdown = state.sessions.get(String(object.id))?.checkout?.breakdown;
    const details = object.total_details as Json | null;
    return details && breakdown ? { ...details, breakdown } : details;
  }
  if (!(field in object)) throw notExpandable(path);
  const value = object[field];
  if (value === null || typeof value === 'object') return value;
  if (typeof value !== 'string') throw notExpandable(path);
  const found = lookup(state, value);
  if (found === undefined) throw notExpandable(path);
  return found;
}

function lookup(state: EmulatorState, id: string): unknown {
  if (id.startsWith('cs_')) return state.sessions.get(id)?.session;
  if (id.startsWith('pi_')) return state.paymentIntents.get(id);
  if (id.startsWith('ch_') || id.startsWith('py_')) return state.charges.get(id);
  if (id.startsWith('re_')) return state.refunds.get(id);
  if (id.startsWith('dp_') || id.startsWith('du_')) return state.disputes.get(id);
  if (id.startsWith('issfr_')) return state.earlyFraudWarnings.get(id);
  if (id.startsWith('cus_')) return state.customers.get(id);
  if (id.startsWith('pm_')) return state.paymentMethods.get(id);
  if (id.startsWith('seti_')) return state.setupIntents.get(id);
  if (id.startsWith('sub_')) return state.subscriptions.get(id);
  if (id.startsWith('in_')) return state.invoices.get(id);
  if (id.startsWith('clock_')) return state.testClocks.get(id);
  if (id.startsWith('prod_')) return state.products.get(id);
  if (id.startsWith('price_')) return state.prices.get(id);
  if (id.startsWith('ii_')) return state.invoiceItems.get(id);
  if (id.startsWith('txn_')) return state.balanceTransactions.get(id);
  if (id.startsWith('po_')) return state.payouts.get(id);
  if (id.startsWith('shr_')) return state.shippingRates.get(id);
  if (id.startsWith('promo_')) return state.promotionCodes.get(id);
  return undefined;
}

function notExpandable(path: string): Error {
  return invalidRequest(`This property cannot be expanded (${path}).`, 'expand');
}
