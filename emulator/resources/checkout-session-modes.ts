// What each Checkout mode accepts: `payment` charges once, `setup` saves a card without charging,
// `subscription` starts a Subscription from recurring prices. Parameters meant for another mode
// are refused, as Stripe refuses them.
import { invalidRequest } from '../http/errors';
import type { LineItemParams, SessionCreateParams } from './checkout-session-types';

type Mode = NonNullable<SessionCreateParams['mode']>;

const ONLY_IN: Array<[keyof SessionCreateParams, Mode[]]> = [
  ['payment_intent_data', ['payment']],
  ['subscription_data', ['subscription']],
  ['setup_intent_data', ['setup']],
  // UNCONFIRMED: Stripe documents customer_creation for payment and setup mode only.
  ['customer_creation', ['payment', 'setup']],
  ['saved_payment_method_options', ['payment', 'subscription']],
];

export function checkModeParams(params: SessionCreateParams, mode: Mode): void {
  for (const [param, modes] of ONLY_IN) {
    if (params[param] !== undefined && !modes.includes(mode)) {
      throw invalidRequest(`You can not pass \`${param}\` in \`${mode}\` mode.`, param);
    }
  }
  if (params.customer !== undefined && params.customer_creation !== undefined) {
    throw invalidRequest(
      'You may only specify one of these parameters: customer, customer_creation.',
      'customer_creation',
    );
  }
  if (params.saved_payment_method_options?.payment_method_save !== undefined) {
    if (mode !== 'payment') {
      throw invalidRequest(
        '`saved_payment_method_options[payment_method_save]` can only be used in `payment` mode.',
        'saved_payment_method_options[payment_method_save]',
      );
    }
  }
  if (mode === 'setup') {
    if (params.line_items !== undefined) {
      throw invalidRequest('You cannot pass `line_items` in `setup` mode.', 'line_items');
    }
    // UNCONFIRMED wording: with dynamic payment methods setup mode needs a currency.
    if (params.currency === undefined && params.payment_method_types === undefined) {
      throw invalidRequest(
        '`currency` is required in `setup` mode when `payment_method_types` is not set.',
        'currency',
        'parameter_missing',
      );
    }
  }
}

export function checkRecurring(items: LineItemParams[], mode: Mode): void {
  items.forEach((item, index) => {
    const recurring = item.price_data?.recurring;
    if (mode === 'payment' && recurring) {
      throw invalidRequest(
        'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
        `line_items[${index}][price_data][recurring]`,
      );
    }
    // The emulator bills recurring items only; Stripe would add one-time items to the first invoice.
    if (mode === 'subscription' && !recurring) {
      throw invalidRequest(
        'You must provide at least one recurring price in `subscription` mode when using prices. The emulator supports recurring prices only in subscription mode.',
        `line_items[${index}][price_data][recurring]`,
      );
    }
  });
  if (mode !== 'subscription') return;
  const cycles = new Set(
    items.map(
      (item) =>
        `${item.price_data?.recurring?.interval}/${item.price_data?.recurring?.interval_count ?? 1}`,
    ),
  );
  if (cycles.size > 1) {
    throw invalidRequest(
      'Checkout does not support multiple prices with different billing intervals.',
      'line_items',
    );
  }
}
