import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { startCheckout } from '@/lib/checkout/start';
import { createProducts, stockOf } from '@/tests/support/catalogue-fixtures';

// A Stripe that refuses every Checkout Session the way the emulator did while it kept a global
// clock a month ahead: Stripe's own words for an expires_at it judges too soon.
const REFUSAL = {
  error: {
    type: 'invalid_request_error',
    message:
      'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
    param: 'expires_at',
  },
};
let stripe: Server;

beforeAll(async () => {
  stripe = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(400, { 'Content-Type': 'application/json', 'Request-Id': 'req_test' });
      res.end(JSON.stringify(REFUSAL));
    });
  });
  await new Promise<void>((resolve) => stripe.listen(0, '127.0.0.1', resolve));
  process.env.STRIPE_API_BASE = `http://127.0.0.1:${(stripe.address() as AddressInfo).port}`;
  process.env.STRIPE_SECRET_KEY = 'sk_test_disagrees';
});

afterAll(async () => {
  await new Promise<void>((resolve) => stripe.close(() => resolve()));
  await db().$client.end();
});

describe('checkout when Stripe refuses the session the store asks for', () => {
  it('tells the customer it is the store’s fault and the operator what Stripe said and what to fix', async () => {
    const [kettle] = await createProducts([{ name: 'Kettle', unitAmount: 4200, stock: 2 }]);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const result = await startCheckout({
      cart: { lines: [{ productId: kettle!.id, quantity: 1 }] },
    });

    expect(result).toEqual({
      kind: 'rejected',
      message:
        'The store could not start checkout. This is a problem on our side, not with your cart or card: nothing was charged and your cart is saved. Please try again later.',
      problems: [],
    });
    const log = logged.mock.calls.map((call) => call.join(' ')).join('\n');
    logged.mockRestore();
    expect(log).toContain('Stripe refused the Checkout Session for order');
    expect(log).toContain('(param expires_at)');
    expect(log).toContain('must be at least 30 minutes from Checkout Session creation');
    expect(log).toContain('check that this server’s clock is right');
    expect(log).toContain('delete .data/emulator.json');
    expect(await stockOf([kettle!.id])).toEqual({ [kettle!.id]: 2 });
  });
});
