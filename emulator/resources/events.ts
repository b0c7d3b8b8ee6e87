import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { invalidRequest, resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import { array, boolean, parseParams, range, string, type RangeFilter } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';

// GET /v1/events returns the last 30 days only: it is how a store recovers missed webhooks.
const RETENTION_SECONDS = 30 * 24 * 60 * 60;

export function eventRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'GET', pattern: /^\/v1\/events$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/events\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        const event = ctx.state.events.get(idAt(call));
        if (!event) throw resourceMissing('event', idAt(call));
        return expand(ctx.state, event, paths);
      },
    },
  ];
}

interface EventListParams extends ListParams {
  type?: string;
  types?: string[];
  created?: number | RangeFilter;
  delivery_success?: boolean;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.Event> {
  const params = parseParams<EventListParams>(
    {
      ...listRules,
      type: string(),
      types: array(string(), 20),
      created: range(),
      delivery_success: boolean(),
    },
    call.params,
  );
  if (params.type !== undefined && params.types !== undefined) {
    throw invalidRequest('You may only specify one of these parameters: type, types.', 'types');
  }
  const matches = typeMatcher(params);
  const oldest = ctx.clock.accountNow() - RETENTION_SECONDS;
  const events = newestFirst(ctx.state.events.values(), (event) => {
    if (event.created < oldest || !matches(event.type)) return false;
    if (
      params.delivery_success !== undefined &&
      (event.pending_webhooks === 0) !== params.delivery_success
    )
      return false;
    return inRange(event.created, params.created);
  });
  return expand(ctx.state, paginate(events, params, call.path, 'event'), params.expand);
}

// `type` takes one `*` wildcard per segment position, e.g. `charge.*` or `*.succeeded`.
function typeMatcher(params: EventListParams): (type: string) => boolean {
  if (params.types) {
    const wanted = new Set(params.types);
    return (type) => wanted.has(type);
  }
  if (params.type === undefined) return () => true;
  const pattern = new RegExp(`^${params.type.split('*').map(escapeRegExp).join('.*')}$`);
  return (type) => pattern.test(type);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
