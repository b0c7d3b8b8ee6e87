import { and, desc, eq } from 'drizzle-orm';
import { expect, type Page } from '@playwright/test';
import { connect } from '@/db/client';
import { emailOutbox } from '@/db/schema';

/** A small pool on the database the global setup made for this run; end it after use. */
export function e2eDatabase() {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set: run through the e2e global setup');
  return connect(url, { max: 2 });
}

/** The link in the newest sign-in email to `email` (SMTP_URL is unset: mail stays in the outbox). */
export async function latestSignInLink(email: string): Promise<string> {
  const { db, sql } = e2eDatabase();
  try {
    const [mail] = await db
      .select({ body: emailOutbox.body })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.recipient, email), eq(emailOutbox.kind, 'sign_in_link')))
      .orderBy(desc(emailOutbox.id))
      .limit(1);
    const link = mail?.body.match(/https?:\/\/\S+/)?.[0];
    if (!link) throw new Error(`no sign-in email to ${email}`);
    return link;
  } finally {
    await sql.end();
  }
}

/** Asks /account/sign-in for a link to `email` and waits for the page to say it was sent. */
export async function askForSignInLink(page: Page, email: string): Promise<void> {
  await page.goto('/account/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('status')).toContainText(`we sent a sign-in link to ${email}`);
}

/**
 * Opens the newest sign-in link to `email` and presses its button: opening the link alone signs no
 * one in (the page names the account and signs in on the button's POST).
 */
export async function openSignInLink(page: Page, email: string): Promise<void> {
  await page.goto(await latestSignInLink(email));
  await page.getByRole('button', { name: `Sign in as ${email}` }).click();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
}
