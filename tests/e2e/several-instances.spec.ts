import { randomBytes, randomInt } from 'node:crypto';
import { like } from 'drizzle-orm';
import { rateLimits } from '@/db/schema';
import { SIGN_IN_LIMITS } from '@/lib/auth/sign-in-limits';
import { freePort } from '@/scripts/processes';
import { findNginx, startLoadBalancer, type LoadBalancer } from '@/tests/support/load-balancer';
import { startStoreServer, type StoreServer } from '@/tests/support/store-server';
import { signInAsAdmin } from './admin-sign-in';
import { e2eDatabase } from './e2e-database';
import { expect, test } from './fixtures';
import { passwordAttempt } from './raw-http';
import { createTestProduct, retireTestProducts } from './test-products';

// Two production servers (`npm start`) behind nginx on the one test database, as README "Several
// instances" deploys them: what one instance changes, the other serves; limits and sessions hold
// across both; and losing one loses no request.

const nginx = findNginx();
const CROSS_INSTANCE_BOUND_MS = 2_000;

test.describe.configure({ mode: 'serial' });

test.describe('several instances behind nginx', () => {
  test.skip(process.env.E2E_STORE === 'off', 'needs the production build the global setup makes');
  if (!nginx && process.env.CI) throw new Error('nginx is missing: .ci/run installs it');
  test.skip(!nginx, 'nginx is not installed (sudo apt-get install -y nginx): skipping');

  let first: StoreServer | undefined;
  let second: StoreServer | undefined;
  let balancer: LoadBalancer | undefined;
  const productIds: string[] = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const balancerPort = await freePort();
    const publicUrl = `http://127.0.0.1:${balancerPort}`;
    const env = {
      DATABASE_URL: process.env.E2E_DATABASE_URL!,
      APP_URL: publicUrl,
      STRIPE_API_BASE: process.env.E2E_EMULATOR_URL!,
      STRIPE_SECRET_KEY: 'sk_test_shopfronte2e',
      STRIPE_WEBHOOK_SECRET: 'whsec_severalinstances',
      ALLOW_STRIPE_EMULATOR_IN_PRODUCTION: 'true',
      // What makes them one store: the same database and the same secret...
      AUTH_SECRET: randomBytes(33).toString('base64'),
      // ...and the client's address taken from the X-Forwarded-For entry nginx appends.
      TRUSTED_PROXY_HOPS: '1',
    };
    try {
      [first, second] = await Promise.all([
        freePort().then((port) => startStoreServer(port, env)),
        freePort().then((port) => startStoreServer(port, env)),
      ]);
      balancer = await startLoadBalancer(nginx!, balancerPort, [first.url, second.url]);
    } catch (error) {
      await stopAll();
      throw error;
    }
  });

  async function stopAll() {
    await Promise.all([balancer?.stop(), first?.stop(), second?.stop()]);
  }

  test.afterAll(async ({ browser }) => {
    test.setTimeout(60_000);
    try {
      await retireTestProducts(browser, process.env.E2E_BASE_URL!, productIds);
      const { db, sql } = e2eDatabase();
      try {
        await db.delete(rateLimits).where(like(rateLimits.key, '%several-instances-%'));
      } finally {
        await sql.end();
      }
    } finally {
      await stopAll();
    }
  });

  test('a product edited through one instance shows on the other within 2 seconds', async ({
    page,
  }) => {
    const product = await createTestProduct('Several instances jug', 9);
    productIds.push(product.id);
    const slug = product.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const productPage = `${second!.url}/products/${slug}`;
    // The second instance has the product's page and the home page cached (the home page from
    // before the product was written to the database: nothing revalidated the catalogue).
    for (let i = 0; i < 2; i++) {
      expect(await textOf(productPage)).toContain('In stock');
      await textOf(`${second!.url}/`);
    }

    await signInAsAdmin(page, first!.url);
    await page.goto(`${first!.url}/admin/products/${product.id}`);
    const renamed = `${product.name} renamed`;
    await page.getByLabel('Name').fill(renamed);
    await page.getByLabel('Stock').fill('3');
    const clickedAt = Date.now();
    await page.getByRole('button', { name: 'Save product' }).click();
    await expect(page.getByRole('status')).toHaveText(`Saved ${renamed}.`);
    // Timed from the first instance's answer: the change is committed by then.
    const savedAt = Date.now();

    const delay = await waitUntil(async () => {
      const [productHtml, homeHtml] = await Promise.all([
        textOf(productPage),
        textOf(`${second!.url}/`),
      ]);
      return productHtml.includes(renamed) && productHtml.includes('Only 3 left')
        ? homeHtml.includes(renamed)
        : false;
    }, savedAt);
    console.log(
      `[several instances] saved in ${savedAt - clickedAt} ms; the other instance served it ${delay} ms later`,
    );
    expect(delay).toBeLessThan(CROSS_INSTANCE_BOUND_MS);
  });

  test('a rate limit used up on one instance holds on the other and through nginx', async () => {
    test.setTimeout(60_000);
    const attempt = {
      email: `several-instances-${randomBytes(4).toString('hex')}@example.com`,
      password: 'not the password',
      // A loopback address of this test's own: the client nginx reports in X-Forwarded-For.
      from: `127.${randomInt(1, 250)}.${randomInt(1, 250)}.${randomInt(2, 250)}`,
    };
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail.limit; i++) {
      expect(await passwordAttempt(first!.url, attempt)).toBe('wrong_password');
    }
    expect(await passwordAttempt(second!.url, attempt)).toBe('rate_limited');
    expect(await passwordAttempt(balancer!.url, attempt)).toBe('rate_limited');
  });

  test('a session signed in through nginx is good on both instances', async ({ page }) => {
    await signInAsAdmin(page, balancer!.url);
    for (const instance of [first!, second!]) {
      await page.goto(`${instance.url}/admin`);
      await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    }
  });

  test('killing an instance mid-run loses no request through nginx', async () => {
    test.setTimeout(60_000);
    const paths = ['/', '/api/health', '/cart', '/account/sign-in'];
    const failures: string[] = [];
    let done = 0;
    const worker = async () => {
      for (let i = 0; i < 40; i++) {
        const path = paths[i % paths.length]!;
        const response = await fetch(`${balancer!.url}${path}`, { redirect: 'manual' });
        await response.arrayBuffer();
        if (response.status >= 500) failures.push(`${path}: ${response.status}`);
        done++;
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    await waitUntil(async () => done >= 30, Date.now());
    await second!.kill('SIGKILL');
    await Promise.all(workers);
    expect(done).toBe(160);
    expect(failures).toEqual([]);

    // A POST the dead instance never received is passed to the live one (nginx retries a
    // non-idempotent request only when it was not sent: README "Several instances").
    const attempt = {
      email: `several-instances-${randomBytes(4).toString('hex')}@example.com`,
      password: 'not the password',
    };
    expect(await passwordAttempt(balancer!.url, attempt)).toBe('wrong_password');
  });
});

/** A page's HTML without the comments React puts between text parts ("Only <!-- -->3 left"). */
async function textOf(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return (await response.text()).replaceAll('<!-- -->', '');
}

/** Polls `check` every 50 ms until it holds; returns the ms since `since` (fails after 10 s). */
async function waitUntil(check: () => Promise<boolean>, since: number): Promise<number> {
  while (Date.now() - since < 10_000) {
    if (await check()) return Date.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('still not true after 10 s');
}
