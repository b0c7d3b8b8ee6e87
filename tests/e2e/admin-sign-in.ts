import { expect, type Page } from '@playwright/test';

let signIns = 0;

/** The admin the e2e global setup created. */
export function e2eAdmin(): { email: string; password: string } {
  const email = process.env.E2E_ADMIN_EMAIL;
  const password = process.env.E2E_ADMIN_PASSWORD;
  if (!email || !password)
    throw new Error('E2E_ADMIN_EMAIL/PASSWORD are set by the e2e global setup');
  return { email, password };
}

/**
 * Signs in at `origin`'s /admin (the page's own store by default) and waits for the dashboard.
 * Each sign-in comes from an address of its own (192.0.2.x, used by no other spec; the store trusts one proxy's
 * X-Forwarded-For): the store counts every password attempt per client, 20 in 15 minutes, and
 * the suite signs in more often than that.
 */
export async function signInAsAdmin(page: Page, origin = ''): Promise<void> {
  signIns += 1;
  await page.setExtraHTTPHeaders({
    'X-Forwarded-For': `192.0.2.${1 + (signIns % 250)}`,
  });
  await page.goto(`${origin}/admin`);
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await page.getByLabel('Email').fill(e2eAdmin().email);
  await page.getByLabel('Password').fill(e2eAdmin().password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}
