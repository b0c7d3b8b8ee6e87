'use server';

import { headers } from 'next/headers';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import type { ActionState } from '@/lib/platform/action-state';
import { EMAIL_LINK_PROVIDER, signIn, signOut } from '@/lib/auth/auth';
import { safeReturnPath } from '@/lib/auth/return-path';
import { clientKey } from '@/lib/platform/client-address';
import { issueSignInLink } from '@/lib/auth/sign-in-link';
import { deliverAfterResponse } from '@/lib/email/after-response';
import { isLinkRequestAllowed } from '@/lib/auth/sign-in-limits';

const emailInput = z.string().trim().toLowerCase().email('Enter an email address.').max(320);

/**
 * The one door to a sign-in link. Every address gets the same answer, in about the same time
 * (the mail goes out after the response): whether it has an account, or is an admin's that gets
 * no link, cannot be told from outside.
 */
export async function emailSignInLink(_state: ActionState, form: FormData): Promise<ActionState> {
  const email = emailInput.safeParse(form.get('email'));
  if (!email.success) {
    return {
      status: 'error',
      message: email.error.issues[0]?.message ?? 'Enter an email address.',
      values: { email: String(form.get('email') ?? '') },
    };
  }
  if (!(await isLinkRequestAllowed(email.data, clientKey(await headers())))) {
    return {
      status: 'error',
      message: 'Too many sign-in links asked for. Wait 15 minutes, then try again.',
      values: { email: email.data },
    };
  }
  const outboxId = await issueSignInLink(email.data, safeReturnPath(form.get('next')));
  if (outboxId !== null) await deliverAfterResponse([outboxId]);
  return {
    status: 'success',
    message: `Check your email: we sent a sign-in link to ${email.data}. It works once, within 15 minutes.`,
  };
}

/**
 * The confirmation page's button: only this POST uses the emailed link. Opening the link (a GET,
 * which mail scanners also make, and which an attacker can plant in someone else's browser) signs
 * no one in; Next's server-action origin check keeps other sites from pressing the button.
 */
export async function confirmSignInLink(_state: ActionState, form: FormData): Promise<ActionState> {
  try {
    await signIn(EMAIL_LINK_PROVIDER, {
      email: String(form.get('email') ?? ''),
      token: String(form.get('token') ?? ''),
      redirectTo: safeReturnPath(form.get('next')) ?? '/account/orders',
    });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error; // the redirect on success
    return {
      status: 'error',
      message: 'That sign-in link has expired or was already used. Ask for a new one.',
    };
  }
  return { status: 'idle', message: '' };
}

export async function signOutCustomer(): Promise<void> {
  await signOut({ redirectTo: '/account/sign-in?signed_out=1' });
}
