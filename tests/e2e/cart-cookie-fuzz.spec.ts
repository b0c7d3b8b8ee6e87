import { randomUUID } from 'node:crypto';
import { request as playwrightRequest } from '@playwright/test';
import { CART_COOKIE, parseCart, serializeCart } from '@/lib/cart/lines';
import { fuzzSeed, mutate, seededRandom, type Random } from '@/tests/support/fuzz';
import { expect, test } from './fixtures';

// A cart cookie the server cannot read never breaks a page: the cart page says so, and the proxy
// deletes the cookie in the same response, so the next page arrives without it.

const NOTICE = 'We couldn’t read your saved cart, so it has been emptied.';

/** Values made only of cookie-safe characters (RFC 6265 cookie-octets), as a browser would send. */
function cookieValue(random: Random): string {
  const valid = serializeCart({ lines: [{ productId: randomUUID(), quantity: 2 }] });
  const raw = random.pick<() => string>([
    () => valid,
    () => mutate(random, valid),
    () => valid.slice(0, random.int(valid.length)),
    () => random.bytes(1 + random.int(48)).toString('base64'),
    () => encodeURIComponent(mutate(random, valid)),
    () => '%E0%A4%A',
    () => '%',
    () => '%00%FF',
    () => 'x'.repeat(3000),
    () => JSON.stringify({ v: 1, lines: [['not-a-uuid', 1]] }),
  ])();
  return raw.replace(/[^\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]/g, '');
}

function deletesCartCookie(setCookie: string | undefined): boolean {
  return (setCookie ?? '')
    .split('\n')
    .some(
      (line) =>
        line.startsWith(`${CART_COOKIE}=;`) && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line),
    );
}

test('200 generated cart cookies: every page renders, and an unreadable cart is reset with a notice', async ({
  baseURL,
}) => {
  const seed = fuzzSeed();
  const random = seededRandom(seed);
  const context = await playwrightRequest.newContext({ baseURL });
  const tally = { valid: 0, reset: 0 };
  try {
    for (let i = 0; i < 200; i++) {
      const value = cookieValue(random);
      const headers = {
        Cookie: `${CART_COOKIE}=${value}; cart_count=${random.pick(['1', 'x', '-5', '%'])}`,
      };
      for (const path of [
        '/',
        '/products/tea-tin',
        '/checkout/success?session_id=cs_test_unknown1234567',
      ]) {
        const response = await context.get(path, { headers });
        expect(response.status(), `seed ${seed}: ${path} with ${value}`).toBeLessThan(500);
      }
      const cart = await context.get('/cart', { headers });
      expect(cart.status(), `seed ${seed}: /cart with ${value}`).toBe(200);
      const html = await cart.text();
      const shown = html.includes(NOTICE);
      const reset = deletesCartCookie(cart.headers()['set-cookie']);
      // The notice and the reset go together, and happen exactly when the value does not parse.
      expect(reset, `seed ${seed}: ${value}`).toBe(shown);
      let decoded: string | undefined;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        decoded = value;
      }
      if (!parseCart(value).isValid && !parseCart(decoded).isValid)
        expect(shown, `seed ${seed}: ${value}`).toBe(true);
      if (shown) tally.reset++;
      else tally.valid++;
    }
  } finally {
    await context.dispose();
  }
  console.log(
    `cart cookie fuzz, seed ${seed}: ${tally.reset} reset with a notice, ${tally.valid} read`,
  );
  expect(tally.reset).toBeGreaterThan(0);
});

test('after the reset the browser holds no cart cookie, and the notice is not repeated', async ({
  page,
  context,
  baseURL,
}) => {
  await context.addCookies([{ name: CART_COOKIE, value: 'garbage', url: baseURL! }]);
  await page.goto('/cart');
  await expect(page.getByRole('status')).toHaveText(NOTICE + ' Sorry about that.');
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain(CART_COOKIE);
  await page.reload();
  await expect(page.getByText(NOTICE)).toHaveCount(0);
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
});
