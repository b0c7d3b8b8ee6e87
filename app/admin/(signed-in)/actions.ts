'use server';

import { requireAdmin, signOut } from '@/lib/auth/auth';
import { SIGN_IN_PATH } from '@/lib/auth/session-config';

export async function signOutAdmin(): Promise<void> {
  await requireAdmin();
  await signOut({ redirectTo: SIGN_IN_PATH });
}
