import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { emailOutbox } from '@/db/schema';
import { askForSignInLink, e2eDatabase, latestSignInLink } from './e2e-database';
import { expect, test } from './fixtures';
import { authCsrf, rawRequest, submitPageForm } from './raw-http';

// Attacks on customers' emailed sign-in links, made from outside against the running store, and
// what the attacker and the legitimate customer each end up with.

const baseUrl = () => process.env.E2E_BASE_URL!;
const newEmail = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.com`;

/** The sign-in links mailed to `email` (other mail, such as the owner's notifications, aside). */
async function mailTo(email: string) {
  const { db, sql } = e2eDatabase();
  try {
    return await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.recipient, email), eq(emailOutbox.kind, 'sign_in_link')));
  } finally {
    await sql.end();
  }
}

test.describe('an attacker asking for a sign-in link', () => {
  test('cannot move the link to another host with X-Forwarded-Host or Host', async () => {
    const victim = newEmail('victim');
    // The attacker's own client names their host everywhere a proxy would, Origin included, so
    // Next's server-action origin check is satisfied and the action runs.
    const response = await submitPageForm(
      `${baseUrl()}/account/sign-in`,
      { email: victim },
      {
        origin: 'https://evil.example',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
      },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`we sent a sign-in link to ${victim}`);

    const link = new URL(await latestSignInLink(victim));
    expect(link.origin).toBe(baseUrl());
    const [mail] = await mailTo(victim);
    expect(mail?.body).not.toContain('evil.example');
  });

  test("gets no link through Auth.js's own email endpoint, and the same answer for an admin's address and a customer's", async () => {
    const customer = newEmail('door');
    const admin = process.env.E2E_ADMIN_EMAIL!;
    const answers = [];
    for (const email of [customer, admin]) {
      const { csrfToken, cookie } = await authCsrf(baseUrl());
      const response = await rawRequest(`${baseUrl()}/api/auth/signin/nodemailer`, {
        form: { email, csrfToken, callbackUrl: '/account/orders' },
        headers: { cookie },
      });
      answers.push({ status: response.status, location: response.location });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(await mailTo(customer)).toEqual([]);
    expect(await mailTo(admin)).toEqual([]);
  });

  test("is told the same on the sign-in page for an admin's address and a customer's", async ({
    page,
  }) => {
    const customer = newEmail('same');
    await askForSignInLink(page, customer);
    await askForSignInLink(page, process.env.E2E_ADMIN_EMAIL!);
    expect(await mailTo(process.env.E2E_ADMIN_EMAIL!)).toEqual([]);
    expect(await mailTo(customer)).toHaveLength(1);
  });
});

test.describe('a sign-in link', () => {
  test('planted in someone else’s browser signs them into nothing, and names the account it is for', async ({
    browser,
  }) => {
    const attacker = newEmail('attacker');
    const attackerPage = await (await browser.newContext()).newPage();
    await askForSignInLink(attackerPage, attacker);
    const link = await latestSignInLink(attacker);

    const victimPage = await (await browser.newContext()).newPage();
    await victimPage.goto(link);
    await expect(victimPage.getByRole('button', { name: `Sign in as ${attacker}` })).toBeVisible();
    await victimPage.goto('/account/orders');
    await expect(victimPage).toHaveURL(/\/account\/sign-in$/);
  });

  test('still works for its owner after a mail scanner fetched it', async ({ page }) => {
    const email = newEmail('scanned');
    await askForSignInLink(page, email);
    const link = await latestSignInLink(email);
    for (let i = 0; i < 3; i++) expect((await rawRequest(link)).status).toBe(200);

    await page.goto(link);
    await page.getByRole('button', { name: `Sign in as ${email}` }).click();
    await expect(page).toHaveURL(/\/account\/orders$/);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  });

  test('is not redeemed by a request made straight to Auth.js', async ({ page }) => {
    const email = newEmail('direct');
    await askForSignInLink(page, email);
    const link = new URL(await latestSignInLink(email));
    const token = link.searchParams.get('token')!;
    const { csrfToken, cookie } = await authCsrf(baseUrl());
    for (const path of ['callback/email-link', 'signin/email-link', 'callback/nodemailer']) {
      for (const method of ['GET', 'POST'] as const) {
        const response = await rawRequest(
          `${baseUrl()}/api/auth/${path}?email=${encodeURIComponent(email)}&token=${token}`,
          {
            method,
            form: method === 'POST' ? { email, token, csrfToken } : undefined,
            headers: { cookie },
          },
        );
        expect(response.cookies.some((c) => c.includes('session-token'))).toBe(false);
      }
    }
    // The link itself is untouched: its owner still signs in with it.
    await page.goto(link.toString());
    await page.getByRole('button', { name: `Sign in as ${email}` }).click();
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  });
});

test.describe('after signing in or out', () => {
  const offSite = [
    '/\\evil.example',
    '/\t/evil.example',
    '/%09/evil.example',
    '//evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'HTTPS://EVIL.EXAMPLE/',
    '/..//evil.example',
  ];
  for (const callbackUrl of offSite) {
    test(`Auth.js sends ${JSON.stringify(callbackUrl)} to a page on the store`, async () => {
      const { csrfToken, cookie } = await authCsrf(baseUrl());
      const response = await rawRequest(`${baseUrl()}/api/auth/signout`, {
        form: { csrfToken, callbackUrl },
        headers: { cookie },
      });
      expect(response.status).toBe(302);
      const target = new URL(response.location!, baseUrl());
      expect(target.origin).toBe(baseUrl());
      expect(target.pathname.startsWith('//')).toBe(false);
    });
  }

  test('the sign-in page’s return path cannot leave the site either', async ({ page }) => {
    const email = newEmail('return');
    await page.goto(`/account/sign-in?next=${encodeURIComponent('/\\evil.example')}`);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(page.getByRole('status')).toContainText('we sent a sign-in link');
    await page.goto(await latestSignInLink(email));
    await page.getByRole('button', { name: `Sign in as ${email}` }).click();
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(new URL(page.url()).origin).toBe(baseUrl());
  });
});
