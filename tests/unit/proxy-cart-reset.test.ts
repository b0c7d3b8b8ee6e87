import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { CART_COOKIE, CART_RESET_HEADER, serializeCart } from '@/lib/cart/lines';
import { fuzzSeed, mutate, seededRandom } from '@/tests/support/fuzz';
import { proxy } from '@/proxy';

process.env.AUTH_SECRET ??= 'unit-tests-sign-nothing-real-0123456789abcdef';

function cartRequest(cookie: string | undefined, extraHeaders: Record<string, string> = {}) {
  return new NextRequest('http://localhost:3000/cart', {
    headers: { ...(cookie !== undefined && { cookie }), ...extraHeaders },
  });
}

function resetsCart(response: Response): boolean {
  return response.headers.getSetCookie().some((line) => line.startsWith(`${CART_COOKIE}=;`));
}

/** What the page will see: Next hands the proxy's request headers on as x-middleware-request-*. */
function pageSeesReset(response: Response): boolean {
  return response.headers.get(`x-middleware-request-${CART_RESET_HEADER}`) === '1';
}

const validCart = serializeCart({
  lines: [{ productId: '5d7c1d3e-0f8b-4b1e-9a52-1b2c3d4e5f60', quantity: 2 }],
});

describe('the proxy and the cart cookie', () => {
  it('leaves a readable cart alone', async () => {
    const response = await proxy(cartRequest(`${CART_COOKIE}=${encodeURIComponent(validCart)}`));
    expect(resetsCart(response)).toBe(false);
    expect(pageSeesReset(response)).toBe(false);
  });

  it('deletes an unreadable cart and tells the page, so it can say so', async () => {
    const response = await proxy(cartRequest(`${CART_COOKIE}=garbage`));
    expect(resetsCart(response)).toBe(true);
    expect(pageSeesReset(response)).toBe(true);
  });

  it('deletes a cart whose value is not even valid percent-encoding', async () => {
    const response = await proxy(cartRequest(`other=1; ${CART_COOKIE}=%E0%A4%A`));
    expect(resetsCart(response)).toBe(true);
  });

  it('does not let a client claim a reset it did not have', async () => {
    const response = await proxy(cartRequest(undefined, { [CART_RESET_HEADER]: '1' }));
    expect(pageSeesReset(response)).toBe(false);
  });

  it('never throws on 3,000 generated cookie headers, and resets exactly the unreadable ones', async () => {
    const seed = fuzzSeed();
    const random = seededRandom(seed);
    for (let i = 0; i < 3000; i++) {
      const value = random.chance(0.5)
        ? mutate(random, validCart)
        : random.bytes(random.int(80)).toString('latin1');
      const safe = value.replace(/[^\x21-\x7E]/g, '');
      const response = await proxy(cartRequest(`${CART_COOKIE}=${safe}`));
      expect(resetsCart(response), `seed ${seed}: ${safe}`).toBe(pageSeesReset(response));
    }
  }, 20_000);
});
