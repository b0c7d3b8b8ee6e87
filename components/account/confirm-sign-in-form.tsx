'use client';

import { useActionState } from 'react';
import { confirmSignInLink } from '@/lib/auth/customer-actions';
import { IDLE_STATE } from '@/lib/platform/action-state';
import { ActionMessage } from '@/components/admin/action-message';
import { SubmitButton } from '@/components/submit-button';

/** The one button that uses an emailed sign-in link. */
export function ConfirmSignInForm(link: {
  email: string;
  token: string;
  returnPath: string | null;
}) {
  const [state, formAction] = useActionState(confirmSignInLink, IDLE_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="email" value={link.email} />
      <input type="hidden" name="token" value={link.token} />
      {link.returnPath ? <input type="hidden" name="next" value={link.returnPath} /> : null}
      <ActionMessage state={state} />
      <SubmitButton
        pendingLabel="Signing in…"
        className="rounded-md bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong disabled:opacity-60"
      >
        Sign in as {link.email}
      </SubmitButton>
    </form>
  );
}
