import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { emailOutbox, users } from '@/db/schema';
import { deliverQueuedEmail } from '@/lib/email/delivery';
import { env } from '@/lib/env';

export const SIGN_IN_LINK = 'sign_in_link';
/** How long an emailed link works. Auth.js deletes its token on first use, so it also works once. */
export const SIGN_IN_LINK_MAX_AGE_SECONDS = 15 * 60;

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
 * The email provider's sendVerificationRequest: the link goes through the outbox like every other
 * message (sent now when SMTP_URL is set, otherwise kept there and printed in development).
 * Admin accounts get no link: they sign in with their password, so a mailbox alone never opens
 * /admin. The page says "check your email" either way, so it reveals nothing about the address.
 */
export async function sendSignInLink({ identifier, url }: { identifier: string; url: string }) {
  const email = identifier.toLowerCase();
  const [user] = await db()
    .select({ role: users.role })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  if (user?.role === 'admin') {
    console.warn(`[auth] no sign-in link sent to ${email}: admins sign in with a password`);
    return;
  }
  const config = env();
  const [queued] = await db()
    .insert(emailOutbox)
    .values({ kind: SIGN_IN_LINK, recipient: email, ...buildSignInEmail(url, config.STORE_NAME) })
    .returning({ id: emailOutbox.id });
  if (!config.SMTP_URL) {
    if (config.NODE_ENV === 'development')
      console.info(`[email] Sign-in link for ${email}: ${url}`);
    return;
  }
  // The visitor waits for this one: the link is useless if it arrives after they gave up.
  if (queued) await deliverQueuedEmail(queued.id);
}
