// SetupIntents: Checkout creates one in setup mode when the customer first confirms a card (or the
// API does: setup-intent-confirmation.ts); it succeeds by attaching the card's PaymentMethod to the
// customer without charging anything. Retrieve and list here.
import type Stripe from 'stripe';
import type { EmulatorContext, RequestOrigin } from '../context';
import { resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import { parseParams, range, string, type RangeFilter } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import type { CreatedObjectSettings } from '../state';

export function setupIntentRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'GET', pattern: /^\/v1\/setup_intents$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/setup_intents\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>(
          { client_secret: string() },
          call.params,
        );
        return expand(ctx.state, findSetupIntent(ctx, idAt(call)), paths);
      },
    },
  ];
}

export function findSetupIntent(ctx: EmulatorContext, id: string): Stripe.SetupIntent {
  const intent = ctx.state.setupIntents.get(id);
  if (!intent) throw resourceMissing('setup_intent', id);
  return intent;
}

export function newSetupIntent(
  ctx: EmulatorContext,
  customer: string | null,
  settings: CreatedObjectSettings,
  origin?: RequestOrigin,
): Stripe.SetupIntent {
  const id = newId('seti', 24);
  const intent: Stripe.SetupIntent = {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: null,
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: `${id}_secret_${newId('s', 24).slice(2)}`,
    created: ctx.clock.now(),
    customer,
    description: settings.description,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: settings.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    payment_method_types: ['card'],
    single_use_mandate: null,
    status: 'requires_payment_method',
    // Checkout's setup mode saves cards to charge later without the customer: off_session.
    usage: 'off_session',
  };
  ctx.state.setupIntents.set(id, intent);
  ctx.emit('setup_intent.created', intent, origin);
  return intent;
}

interface SetupIntentListParams extends ListParams {
  customer?: string;
  payment_method?: string;
  created?: number | RangeFilter;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.SetupIntent> {
  const params = parseParams<SetupIntentListParams>(
    { ...listRules, customer: string(), payment_method: string(), created: range() },
    call.params,
  );
  const intents = newestFirst(ctx.state.setupIntents.values(), (intent) => {
    if (params.customer !== undefined && intent.customer !== params.customer) return false;
    if (params.payment_method !== undefined && intent.payment_method !== params.payment_method)
      return false;
    return inRange(intent.created, params.created);
  });
  return expand(ctx.state, paginate(intents, params, call.path, 'setup_intent'), params.expand);
}
