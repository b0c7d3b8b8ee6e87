import { expect, test } from './fixtures';

// The production build's HTTP security headers, as a browser receives them.

function directive(policy: string | undefined, name: string): string[] {
  const found = (policy ?? '')
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  return found?.slice(1) ?? [];
}

test.describe('security headers', () => {
  for (const path of ['/', '/products/glass-carafe', '/cart', '/api/health']) {
    test(`${path} is sent with nosniff, a referrer policy, HSTS and framing denied`, async ({
      request,
    }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(200);
      const headers = response.headers();
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
      const policy = headers['content-security-policy'];
      expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"]);
      expect(directive(policy, 'object-src')).toEqual(["'none'"]);
      expect(directive(policy, 'default-src')).toEqual(["'self'"]);
    });
  }

  test('the catalogue stays prerendered, with a policy that needs no per-request nonce', async ({
    request,
  }) => {
    const response = await request.get('/');
    // Served from the prerendered output, not rendered for this request.
    expect(response.headers()['x-nextjs-cache']).toMatch(/^(HIT|STALE)$/);
    const policy = response.headers()['content-security-policy'];
    expect(directive(policy, 'script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directive(policy, 'form-action')).toEqual(["'self'"]);
    expect(policy).not.toContain('nonce-');
  });

  for (const path of ['/cart', '/account/sign-in', '/account/sign-in/confirm?email=a@b.c&token=x'])
    test(`${path} gets a fresh nonce per request, on every script it renders`, async ({
      request,
    }) => {
      const nonces: string[] = [];
      for (let i = 0; i < 2; i++) {
        const response = await request.get(path);
        const scripts = directive(response.headers()['content-security-policy'], 'script-src');
        expect(scripts).toContain("'strict-dynamic'");
        expect(scripts).not.toContain("'unsafe-inline'");
        const nonce = scripts.find((value) => value.startsWith("'nonce-"))?.slice(7, -1);
        expect(nonce).toBeTruthy();
        const html = await response.text();
        const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
        expect(scriptTags.length).toBeGreaterThan(0);
        for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);
        nonces.push(nonce!);
      }
      expect(nonces[0]).not.toBe(nonces[1]);
    });

  test('the cart page lets its form go on to the Checkout origin (the emulator here)', async ({
    request,
  }) => {
    const response = await request.get('/cart');
    expect(directive(response.headers()['content-security-policy'], 'form-action')).toEqual([
      "'self'",
      new URL(process.env.E2E_EMULATOR_URL!).origin,
    ]);
  });
});

test.describe('cookies', () => {
  test('the cart cookie is httpOnly and SameSite=Lax; only the item count is readable by scripts', async ({
    page,
    context,
  }) => {
    await page.goto('/products/field-notebook');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByRole('status')).toContainText('to your cart');
    const cookies = Object.fromEntries((await context.cookies()).map((c) => [c.name, c]));
    expect(cookies.cart).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookies.cart_count).toMatchObject({ httpOnly: false, sameSite: 'Lax', value: '1' });
  });
});
