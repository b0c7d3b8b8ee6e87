import { expect, type Page } from '@playwright/test';

/** The admin the e2e global setup created. */
export function e2eAdmin(): { email: string; password: string } {
  const email = process.env.E2E_ADMIN_EMAIL;
  const password = process.env.E2E_ADMIN_PASSWORD;
  if (!email || !password)
    throw new Error('E2E_ADMIN_EMAIL/PASSWORD are set by the e2e global setup');
  return { email, password };
}

/** Signs in at `origin`'s /admin (the page's own store by default) and waits for the dashboard. */
export async function signInAsAdmin(page: Page, origin = ''): Promise<void> {
  await page.goto(`${origin}/admin`);
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await page.getByLabel('Email').fill(e2eAdmin().email);
  await page.getByLabel('Password').fill(e2eAdmin().password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}
