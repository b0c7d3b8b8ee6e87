import { z } from 'zod';

/**
 * Which email a GitHub account proves it owns. The profile's public email is free text; only
 * GitHub's list of the account's addresses says which is primary and verified
 * (https://docs.github.com/en/rest/users/emails#list-email-addresses-for-the-authenticated-user,
 * readable with the `user:email` scope Auth.js's GitHub provider asks for).
 */

const githubEmails = z.array(
  z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }),
);

/** The account's primary email if GitHub has verified it, lower-cased; otherwise null. */
export function verifiedPrimaryEmail(emails: unknown): string | null {
  const parsed = githubEmails.safeParse(emails);
  if (!parsed.success) return null;
  const primary = parsed.data.find((entry) => entry.primary);
  return primary?.verified ? primary.email.trim().toLowerCase() : null;
}

/** GitHub's list of the signed-in account's emails; null when GitHub does not answer with one. */
export async function fetchGitHubEmails(accessToken: string | undefined): Promise<unknown> {
  if (!accessToken) return null;
  try {
    const response = await fetch('https://api.github.com/user/emails', {
      headers: {
        Authorization: `Bearer ${accessToken}`,
        Accept: 'application/vnd.github+json',
        'User-Agent': 'Shopfront',
      },
      signal: AbortSignal.timeout(10_000),
    });
    return response.ok ? await response.json() : null;
  } catch (error) {
    console.error('[auth] GitHub did not list the account emails:', error);
    return null;
  }
}
