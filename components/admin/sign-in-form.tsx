'use client';

import { useActionState } from 'react';
import { signInWithPassword } from '@/lib/auth/admin-actions';
import type { ActionState } from '@/lib/platform/action-state';
import { SubmitButton } from '@/components/submit-button';

const initial: ActionState = { status: 'idle', message: '' };

export function SignInForm({ next }: { next: string }) {
  const [state, formAction] = useActionState(signInWithPassword, initial);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="next" value={next} />
      <label className="flex flex-col gap-1 text-sm font-medium">
        Email
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          className="rounded-md border border-line bg-white px-3 py-2 font-normal"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="rounded-md border border-line bg-white px-3 py-2 font-normal"
        />
      </label>
      {state.status === 'error' ? (
        <p
          role="alert"
          className="rounded-md border border-danger/30 bg-danger/5 p-3 text-sm text-danger"
        >
          {state.message}
        </p>
      ) : null}
      <SubmitButton
        pendingLabel="Signing in…"
        className="rounded-md bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong disabled:opacity-60"
      >
        Sign in
      </SubmitButton>
    </form>
  );
}
