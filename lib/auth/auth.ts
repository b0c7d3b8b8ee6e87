import 'server-only';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import { eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import { cache } from 'react';
import { z } from 'zod';
import { db } from '@/db/client';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';
import { recordAudit } from '@/lib/platform/audit-log';
import { fetchGitHubEmails, verifiedPrimaryEmail } from '@/lib/auth/github-email';
import { decoyHash, isHashCurrent, hashPassword, verifyPassword } from '@/lib/auth/password';
import { safeReturnPath } from '@/lib/auth/return-path';
import { SIGN_IN_PATH, sessionConfig } from '@/lib/auth/session-config';
import { isSignInAllowed, signInEmailKey } from '@/lib/auth/sign-in-limits';
import { clientAddress, clientKey } from '@/lib/platform/client-address';
import { redeemSignInLink } from '@/lib/auth/sign-in-link';
import { clearAttempts } from '@/lib/platform/rate-limits';
import { env } from '@/lib/env';

/** The Credentials provider that redeems an emailed link (only the confirmation page's action calls it). */
export const EMAIL_LINK_PROVIDER = 'email-link';

/** Too many attempts for this email or address: told apart from a wrong password on the page. */
export class SignInRateLimited extends CredentialsSignin {
  code = 'rate_limited';
}

const credentials = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

/** The Credentials provider's check, exported for its tests. */
export async function authorizeAdmin(input: unknown, request: Request) {
  const parsed = credentials.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  if (!(await isSignInAllowed(email, clientKey(request.headers)))) throw new SignInRateLimited();

  const [user] = await db().select().from(users).where(eq(users.email, email)).limit(1);
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !matches || user.role !== 'admin') return null;
  await clearAttempts(signInEmailKey(email));
  // The password is at hand only now: a hash made with older, cheaper parameters is remade.
  if (user.passwordHash && !isHashCurrent(user.passwordHash)) {
    await db()
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, user.id));
  }
  // Who got in, from where: the first thing to read after a suspected account takeover.
  await recordAudit(
    db(),
    { email, ip: clientAddress(request.headers) },
    { action: 'admin.sign_in', targetType: 'user', targetId: user.id },
  );
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

const emailLink = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  token: z.string().min(1).max(200),
});

/** The emailed-link provider's check: the link's token, used up, opens its (customer) account. */
async function authorizeEmailLink(input: unknown) {
  const parsed = emailLink.safeParse(input);
  if (!parsed.success) return null;
  return redeemSignInLink(parsed.data.email, parsed.data.token);
}

function isAllowlisted(email: string | null | undefined): boolean {
  return Boolean(email) && env().ADMIN_EMAILS.includes(email!.toLowerCase());
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const base = sessionConfig();
  const config = env();
  const github = config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET;
  return {
    ...base,
    // GitHub and emailed-link sign-ins create users through the adapter (the link's one-time token
    // lives in verification_tokens); passwords use the JWT alone.
    adapter: DrizzleAdapter(db(), {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    providers: [
      Credentials({
        credentials: {
          email: { label: 'Email' },
          password: { label: 'Password', type: 'password' },
        },
        authorize: authorizeAdmin,
      }),
      // Customers: a link by email (lib/auth/sign-in-link.ts issues it through the outbox).
      // Auth.js's own email provider is not used: its endpoints would be a second door that skips
      // the store's limits, answers differently for admins, and signs in on a plain GET.
      Credentials({
        id: EMAIL_LINK_PROVIDER,
        credentials: { email: {}, token: {} },
        authorize: authorizeEmailLink,
      }),
      ...(github
        ? [GitHub({ clientId: config.AUTH_GITHUB_ID, clientSecret: config.AUTH_GITHUB_SECRET })]
        : []),
    ],
    callbacks: {
      ...base.callbacks,
      // Only paths on this site, kept relative: behind a proxy (or `next start` on 127.0.0.1) the
      // origin Auth.js sees can differ from the one in the browser, and an absolute redirect to the
      // wrong one would drop the cookie it just set. Anything off-site goes home.
      redirect({ url, baseUrl }) {
        return safeReturnPath(url, { origins: [baseUrl, env().APP_URL] }) ?? '/';
      },
      async signIn({ account, user }) {
        // An emailed link never opens an admin account (none is issued to one; this is the lock).
        if (account?.provider === EMAIL_LINK_PROVIDER) return user.role !== 'admin';
        if (account?.provider !== 'github') return true;
        // GitHub accounts get in only with a verified primary email on ADMIN_EMAILS: the profile's
        // public email is whatever the account holder typed, verified or not.
        const email = verifiedPrimaryEmail(await fetchGitHubEmails(account.access_token));
        return isAllowlisted(email) && email === user.email?.toLowerCase();
      },
      async jwt(params) {
        const { user, account } = params;
        if (user?.id && account?.provider === 'github' && isAllowlisted(user.email)) {
          if (user.role !== 'admin') {
            await db().transaction(async (tx) => {
              await tx.update(users).set({ role: 'admin' }).where(eq(users.id, user.id!));
              await recordAudit(
                tx,
                { email: user.email ?? 'github', ip: clientAddress(await headers()) },
                {
                  action: 'admin.github_promote',
                  targetType: 'user',
                  targetId: user.id!,
                  detail: { reason: 'ADMIN_EMAILS' },
                },
              );
            });
          }
          user.role = 'admin';
        }
        return base.callbacks!.jwt!(params);
      },
    },
  };
});

export interface Admin {
  id: string;
  email: string;
}

/**
 * The signed-in admin, or a redirect to the sign-in page. Every admin page, layout, server action
 * and route handler calls it: proxy.ts only redirects early, it is not the guard. The role is read
 * from the database, not the token, so removing an admin takes effect at once. `cache` makes it
 * one query per request however many components ask.
 */
export const requireAdmin = cache(async (): Promise<Admin> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) redirect(SIGN_IN_PATH);
  const [user] = await db()
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!user?.email || user.role !== 'admin') redirect(`${SIGN_IN_PATH}?error=forbidden`);
  return { id: user.id, email: user.email };
});
