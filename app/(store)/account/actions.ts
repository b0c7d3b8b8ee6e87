'use server';

import { headers } from 'next/headers';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import type { ActionState } from '@/lib/admin/action-state';
import { signIn, signOut } from '@/lib/auth';
import { clientIp, consumeAttempt, type RateLimit } from '@/lib/rate-limits';
import { safeReturnPath } from '@/lib/customers/session';

const emailInput = z.string().trim().toLowerCase().email('Enter an email address.').max(320);

/** Links asked for per address and per client in 15 minutes: enough for a typo, not for spam. */
const LINK_LIMITS: Record<'perEmail' | 'perIp', RateLimit> = {
  perEmail: { limit: 5, windowSeconds: 15 * 60 },
  perIp: { limit: 20, windowSeconds: 15 * 60 },
};

export async function emailSignInLink(_state: ActionState, form: FormData): Promise<ActionState> {
  const email = emailInput.safeParse(form.get('email'));
  if (!email.success) {
    return {
      status: 'error',
      message: email.error.issues[0]?.message ?? 'Enter an email address.',
      values: { email: String(form.get('email') ?? '') },
    };
  }
  const ip = clientIp(await headers());
  const [emailOk, ipOk] = await Promise.all([
    consumeAttempt(`link:${email.data}`, LINK_LIMITS.perEmail),
    consumeAttempt(`link-ip:${ip}`, LINK_LIMITS.perIp),
  ]);
  if (!emailOk || !ipOk) {
    return {
      status: 'error',
      message: 'Too many sign-in links asked for. Wait 15 minutes, then try again.',
      values: { email: email.data },
    };
  }
  try {
    await signIn('nodemailer', {
      email: email.data,
      redirectTo: safeReturnPath(form.get('next')) ?? '/account/orders',
      redirect: false,
    });
  } catch (error) {
    // An admin's address is refused (AccessDenied); saying so would tell who the admins are.
    if (!(error instanceof AuthError)) throw error;
    console.warn(`[auth] no sign-in link for ${email.data}: ${error.type}`);
  }
  return {
    status: 'success',
    message: `Check your email: we sent a sign-in link to ${email.data}. It works once, within 15 minutes.`,
  };
}

export async function signOutCustomer(): Promise<void> {
  await signOut({ redirectTo: '/account/sign-in?signed_out=1' });
}
