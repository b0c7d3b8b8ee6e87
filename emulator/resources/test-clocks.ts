// Test clocks (docs.stripe.com/api/test_clocks): create at a frozen time, attach customers (on
// customer create with `test_clock`, or an existing one with `customer` here), advance, delete.
// Advancing answers `advancing` at once and finishes after the response, as Stripe does; the
// clock's customers' subscriptions renew, fail or end on the way (billing/test-clock-advance.ts).
import type Stripe from 'stripe';
import { findTestClock } from '../billing/customer-time';
import { latestAdvance, runAdvance } from '../billing/test-clock-advance';
import { AUTOMATIC, type EmulatorContext, type RequestOrigin } from '../context';
import { invalidRequest } from '../http/errors';
import { expand } from '../http/expansion';
import { listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import { integer, parseParams, string } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import { deleteCustomer } from './customers';
import { findLiveCustomer } from './customer-records';

// The object's documented example deletes itself 7 days after creation (docs.stripe.com/api/test_clocks/object).
const LIFETIME_SECONDS = 7 * 24 * 60 * 60;

export function testClockRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/v1\/test_helpers\/test_clocks$/,
      handle: (call) => create(ctx, call),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/test_helpers\/test_clocks$/,
      handle: (call) => {
        const params = parseParams<ListParams & { expand?: string[] }>(listRules, call.params);
        const clocks = newestFirst(ctx.state.testClocks.values());
        return expand(
          ctx.state,
          paginate(clocks, params, call.path, 'test_helpers.test_clock'),
          params.expand,
        );
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/test_helpers\/test_clocks\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findTestClock(ctx, idAt(call)), paths);
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/v1\/test_helpers\/test_clocks\/([^/]+)$/,
      handle: (call) => {
        parseParams({}, call.params);
        return deleteTestClock(ctx, findTestClock(ctx, idAt(call)), call.origin);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/test_helpers\/test_clocks\/([^/]+)\/advance$/,
      handle: (call) => advance(ctx, call),
    },
  ];
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.TestHelpers.TestClock {
  const params = parseParams<Stripe.TestHelpers.TestClockCreateParams>(
    { frozen_time: integer({ min: 0 }), name: string({ maxLength: 300 }), customer: string() },
    call.params,
    ['frozen_time'],
  );
  const customer =
    params.customer === undefined ? undefined : findLiveCustomer(ctx, params.customer, 'customer');
  // "After you attach a customer to a test clock, it can't be removed" (changelog 2026-05-27.dahlia).
  if (customer && customer.test_clock !== null) {
    throw invalidRequest(
      `Customer ${customer.id} is already attached to test clock ${String(customer.test_clock)}.`,
      'customer',
    );
  }
  const created = ctx.clock.accountNow();
  const clock: Stripe.TestHelpers.TestClock = {
    id: newId('clock', 24),
    object: 'test_helpers.test_clock',
    created,
    deletes_after: created + LIFETIME_SECONDS,
    frozen_time: params.frozen_time,
    livemode: false,
    name: params.name ?? null,
    status: 'ready',
    status_details: {},
  };
  ctx.state.testClocks.set(clock.id, clock);
  ctx.emit('test_helpers.test_clock.created', clock, call.origin);
  if (customer) attachCustomer(ctx, customer, clock);
  return expand(ctx.state, clock, params.expand);
}

// An existing customer joins the clock with its subscriptions and invoices, which from now on
// renew when the clock advances rather than in real time (UNCONFIRMED: Stripe's docs say only
// that the customer is attached).
function attachCustomer(
  ctx: EmulatorContext,
  customer: Stripe.Customer,
  clock: Stripe.TestHelpers.TestClock,
): void {
  customer.test_clock = clock.id;
  for (const subscription of ctx.state.subscriptions.values())
    if (subscription.customer === customer.id) subscription.test_clock = clock.id;
  for (const invoice of ctx.state.invoices.values())
    if (invoice.customer === customer.id) invoice.test_clock = clock.id;
  ctx.changed();
}

function advance(ctx: EmulatorContext, call: ApiCall): Stripe.TestHelpers.TestClock {
  const params = parseParams<Stripe.TestHelpers.TestClockAdvanceParams>(
    { frozen_time: integer({ min: 0 }) },
    call.params,
    ['frozen_time'],
  );
  const clock = findTestClock(ctx, idAt(call));
  // UNCONFIRMED wording for the three refusals below; the rules are Stripe's.
  if (clock.status !== 'ready') {
    throw invalidRequest(
      `Test clock ${clock.id} is currently ${clock.status}; wait until its status is ready.`,
    );
  }
  if (params.frozen_time <= clock.frozen_time) {
    throw invalidRequest(
      `The frozen_time (${params.frozen_time}) must be after the test clock's current frozen_time (${clock.frozen_time}).`,
      'frozen_time',
    );
  }
  const latest = latestAdvance(ctx, clock);
  if (params.frozen_time > latest) {
    throw invalidRequest(
      `A test clock cannot advance more than two intervals of its shortest subscription (or two years without subscriptions) at once: advance to ${latest} or earlier, then again.`,
      'frozen_time',
    );
  }
  clock.status = 'advancing';
  clock.status_details = { advancing: { target_frozen_time: params.frozen_time } };
  ctx.emit('test_helpers.test_clock.advancing', clock, call.origin);
  const answer = expand(
    ctx.state,
    JSON.parse(JSON.stringify(clock)) as typeof clock,
    params.expand,
  );
  ctx.defer(() => runAdvance(ctx, clock));
  return answer;
}

/** A clock that was advancing when the emulator stopped finishes when it starts again. */
export function resumeAdvancingClocks(ctx: EmulatorContext): void {
  for (const clock of ctx.state.testClocks.values())
    if (clock.status === 'advancing') ctx.defer(() => runAdvance(ctx, clock));
}

// Deleting a clock deletes its customers, which cancels their subscriptions (docs.stripe.com/api/test_clocks/delete).
export function deleteTestClock(
  ctx: EmulatorContext,
  clock: Stripe.TestHelpers.TestClock,
  origin?: RequestOrigin,
): Stripe.TestHelpers.DeletedTestClock {
  for (const customer of [...ctx.state.customers.values()]) {
    if (!customer.deleted && customer.test_clock === clock.id)
      ctx.clock.at(clock.frozen_time, () => deleteCustomer(ctx, customer, origin ?? AUTOMATIC));
  }
  ctx.state.testClocks.delete(clock.id);
  ctx.emit('test_helpers.test_clock.deleted', clock, origin);
  return { id: clock.id, object: 'test_helpers.test_clock', deleted: true };
}

/** Clocks past their `deletes_after` go, as Stripe deletes them (the account schedule's tick). */
export function deleteExpiredTestClocks(ctx: EmulatorContext): void {
  const now = ctx.clock.accountNow();
  for (const clock of [...ctx.state.testClocks.values()])
    if (clock.deletes_after <= now && clock.status === 'ready') deleteTestClock(ctx, clock);
}
