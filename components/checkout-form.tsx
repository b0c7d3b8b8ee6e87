'use client';

import { IDLE_STATE } from '@/lib/platform/action-state';
import { useActionState } from 'react';
import { checkout } from '@/lib/checkout/actions';
import { SubmitButton } from './submit-button';

export function CheckoutForm({ canCheckout }: { canCheckout: boolean }) {
  const [state, formAction] = useActionState(checkout, IDLE_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <SubmitButton
        pendingLabel="Going to payment…"
        disabled={!canCheckout}
        className="w-full rounded-lg bg-accent px-6 py-3 font-medium text-white hover:bg-accent-strong disabled:cursor-not-allowed disabled:opacity-60"
      >
        Checkout
      </SubmitButton>
      {state.status === 'error' ? (
        <div
          role="alert"
          className="rounded-lg border border-danger/30 bg-danger/5 p-3 text-sm text-danger"
        >
          <p className="font-medium">{state.message}</p>
          {state.problems && state.problems.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {state.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
