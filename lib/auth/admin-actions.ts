'use server';

import { AuthError } from 'next-auth';
import { signIn, SignInRateLimited } from '@/lib/auth/auth';
import type { ActionState } from '@/lib/platform/action-state';
import { adminReturnPath } from '@/lib/auth/return-path';

// The two actions anyone may call: they are how one becomes an admin. Both are listed as public in
// the admin security test; everything else under app/admin calls requireAdmin().

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
