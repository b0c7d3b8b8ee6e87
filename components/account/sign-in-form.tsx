'use client';

import { useActionState } from 'react';
import { emailSignInLink } from '@/lib/auth/customer-actions';
import { IDLE_STATE } from '@/lib/platform/action-state';
import { ActionMessage } from '@/components/admin/action-message';
import { SubmitButton } from '@/components/submit-button';

/** `returnPath`: where the emailed link leads after signing in (a checked path on this site). */
export function CustomerSignInForm({ returnPath }: { returnPath: string | null }) {
  const [state, formAction] = useActionState(emailSignInLink, IDLE_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      {returnPath ? <input type="hidden" name="next" value={returnPath} /> : null}
      <label className="flex flex-col gap-1 text-sm font-medium">
        Email
        <input
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email}
          className="rounded-md border border-line bg-white px-3 py-2 font-normal"
        />
      </label>
      <ActionMessage state={state} />
      <SubmitButton
        pendingLabel="Sending…"
        className="rounded-md bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong disabled:opacity-60"
      >
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
