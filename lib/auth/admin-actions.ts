'use server';

import { AuthError } from 'next-auth';
import { requireAdmin, signIn, signOut, SignInRateLimited } from '@/lib/auth/auth';
import { SIGN_IN_PATH } from '@/lib/auth/session-config';
import type { ActionState } from '@/lib/platform/action-state';
import { adminReturnPath } from '@/lib/auth/return-path';

// The two sign-in actions anyone may call: they are how one becomes an admin. Both are listed as
// public in the admin security test; every other admin action (here and in each domain's
// admin-actions.ts) calls requireAdmin().

export async function signInWithPassword(
  _state: ActionState,
  form: FormData,
): Promise<ActionState> {
  try {
    await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirectTo: adminReturnPath(form.get('next')),
    });
  } catch (error) {
    if (error instanceof SignInRateLimited) {
      return {
        status: 'error',
        message: 'Too many sign-in attempts. Wait 15 minutes, then try again.',
      };
    }
    if (error instanceof AuthError) {
      return { status: 'error', message: 'That email and password do not match an admin.' };
    }
    throw error; // the redirect into /admin on success
  }
  return { status: 'idle', message: '' };
}

export async function signInWithGitHub(form: FormData): Promise<void> {
  await signIn('github', { redirectTo: adminReturnPath(form.get('next')) });
}

export async function signOutAdmin(): Promise<void> {
  await requireAdmin();
  await signOut({ redirectTo: SIGN_IN_PATH });
}
