import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { emailOutbox, users, verificationTokens } from '@/db/schema';
import { env } from '@/lib/env';

export const SIGN_IN_LINK = 'sign_in_link';
/** How long an emailed link works. Redeeming deletes its token, so it also works once. */
export const SIGN_IN_LINK_MAX_AGE_SECONDS = 15 * 60;
/** The page the emailed link opens: it names the account and signs in only when its button is pressed. */
export const SIGN_IN_CONFIRM_PATH = '/account/sign-in/confirm';

/** The words of the sign-in email. */
export function buildSignInEmail(url: string, storeName: string) {
  return {
    subject: `Sign in to ${storeName}`,
    body: [
      'Hello,',
      '',
      `Use this link to sign in to ${storeName}. It works once, within ${SIGN_IN_LINK_MAX_AGE_SECONDS / 60} minutes:`,
      '',
      url,
      '',
      'If you did not ask for it, ignore this email: nobody can sign in without the link.',
      '',
      `— ${storeName}`,
    ].join('\n'),
  };
}

/**
 * The emailed link: always on APP_URL, whatever Host or X-Forwarded-Host the request that asked
 * for it carried (otherwise an attacker asking for a victim's link with a forged host would have
 * the store mail the victim a genuine email whose link hands the token to the attacker's host).
 */
export function signInLinkUrl(
  appUrl: string,
  link: { email: string; token: string; returnPath?: string | null },
): string {
  const url = new URL(SIGN_IN_CONFIRM_PATH, appUrl);
  url.searchParams.set('email', link.email);
  url.searchParams.set('token', link.token);
  if (link.returnPath) url.searchParams.set('next', link.returnPath);
  return url.toString();
}

/** Only a digest is stored: a leaked table row is not a working link. */
function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Queues a sign-in link for `email` and returns its outbox row, for the caller to send once the
 * response has gone out (so the answer takes as long for any address). Admin accounts get no
 * link: they sign in with their password, so a mailbox alone never opens /admin. Callers answer
 * the same either way, so the answer reveals nothing about the address.
 */
export async function issueSignInLink(
  email: string,
  returnPath: string | null,
): Promise<number | null> {
  const [user] = await db()
    .select({ role: users.role })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  if (user?.role === 'admin') {
    console.warn(`[auth] no sign-in link sent to ${email}: admins sign in with a password`);
    return null;
  }
  const config = env();
  const token = randomBytes(32).toString('base64url');
  const url = signInLinkUrl(config.APP_URL, { email, token, returnPath });
  const outboxId = await db().transaction(async (tx) => {
    // Links that can no longer work are dead weight; the address's own are swept here.
    await tx
      .delete(verificationTokens)
      .where(
        and(eq(verificationTokens.identifier, email), sql`${verificationTokens.expires} <= now()`),
      );
    await tx.insert(verificationTokens).values({
      identifier: email,
      token: digest(token),
      expires: new Date(Date.now() + SIGN_IN_LINK_MAX_AGE_SECONDS * 1000),
    });
    const [queued] = await tx
      .insert(emailOutbox)
      .values({ kind: SIGN_IN_LINK, recipient: email, ...buildSignInEmail(url, config.STORE_NAME) })
      .returning({ id: emailOutbox.id });
    return queued?.id ?? null;
  });
  if (!config.SMTP_URL && config.NODE_ENV === 'development')
    console.info(`[email] Sign-in link for ${email}: ${url}`);
  return outboxId;
}

/** Whether a link still works (the confirmation page says so before anyone presses the button). */
export async function isSignInLinkValid(email: string, token: string): Promise<boolean> {
  const [row] = await db()
    .select({ expires: verificationTokens.expires })
    .from(verificationTokens)
    .where(
      and(
        eq(verificationTokens.identifier, email),
        eq(verificationTokens.token, digest(token)),
        gt(verificationTokens.expires, new Date()),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export interface LinkedAccount {
  id: string;
  email: string;
  name: string | null;
  role: 'customer';
}

/**
 * Uses up a link and returns the account it opens, creating it on the first sign-in (the link
 * proves the address). One DELETE takes the token, so of two concurrent redemptions one wins.
 * Null when the link is unknown, used, expired, or belongs to an admin.
 */
export async function redeemSignInLink(
  email: string,
  token: string,
): Promise<LinkedAccount | null> {
  return db().transaction(async (tx) => {
    const [taken] = await tx
      .delete(verificationTokens)
      .where(
        and(eq(verificationTokens.identifier, email), eq(verificationTokens.token, digest(token))),
      )
      .returning({ expires: verificationTokens.expires });
    if (!taken || taken.expires <= new Date()) return null;
    const [user] = await tx
      .insert(users)
      .values({ email, emailVerified: new Date() })
      .onConflictDoUpdate({
        target: users.email,
        set: { emailVerified: sql`coalesce(${users.emailVerified}, now())` },
      })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    if (!user?.email || user.role === 'admin') return null;
    return { id: user.id, email: user.email, name: user.name, role: 'customer' };
  });
}
