'use client';

import { IDLE_STATE } from '@/lib/platform/action-state';
import { useActionState } from 'react';
import { changeSubscriptionAction } from '@/lib/subscriptions/actions';
import { SubmitButton } from './submit-button';

const button =
  'rounded-md border border-line bg-white px-3 py-2 text-sm font-medium hover:bg-paper disabled:opacity-60';

/** The changes a customer can ask for now, and what became of the last one. */
export function SubscriptionActions({
  subscriptionId,
  canCancel,
  canResume,
  name,
}: {
  subscriptionId: string;
  canCancel: boolean;
  canResume: boolean;
  name: string;
}) {
  const [state, formAction] = useActionState(changeSubscriptionAction, IDLE_STATE);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {canCancel ? (
          <form action={formAction}>
            <input type="hidden" name="subscriptionId" value={subscriptionId} />
            <input type="hidden" name="change" value="cancel" />
            <SubmitButton
              pendingLabel="Canceling…"
              className={button}
              aria-label={`Cancel ${name} at period end`}
            >
              Cancel at period end
            </SubmitButton>
          </form>
        ) : null}
        {canResume ? (
          <form action={formAction}>
            <input type="hidden" name="subscriptionId" value={subscriptionId} />
            <input type="hidden" name="change" value="resume" />
            <SubmitButton pendingLabel="Resuming…" className={button} aria-label={`Resume ${name}`}>
              Resume
            </SubmitButton>
          </form>
        ) : null}
        {canCancel || canResume ? (
          <form
            action={formAction}
            onSubmit={(event) => {
              if (!window.confirm(`End ${name} now? You will not be charged again.`))
                event.preventDefault();
            }}
          >
            <input type="hidden" name="subscriptionId" value={subscriptionId} />
            <input type="hidden" name="change" value="cancel_now" />
            <SubmitButton
              pendingLabel="Canceling…"
              className={`${button} text-danger`}
              aria-label={`Cancel ${name} now`}
            >
              Cancel now
            </SubmitButton>
          </form>
        ) : null}
      </div>
      <p
        role="status"
        aria-live="polite"
        className={`text-sm ${state.status === 'error' ? 'text-danger' : 'text-muted'}`}
      >
        {state.message}
      </p>
    </div>
  );
}
