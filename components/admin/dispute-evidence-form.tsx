'use client';

import { useActionState, useState } from 'react';
import type { DisputeEvidence } from '@/db/schema';
import { IDLE_STATE, type ActionState } from '@/lib/platform/action-state';
import { SubmitButton } from '@/components/submit-button';
import { ActionMessage } from './action-message';
import { DANGER, PRIMARY, SECONDARY } from './confirm-action-form';

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/**
 * The evidence, pre-filled with what the store knows and editable. "Save draft" stages it on
 * Stripe (it can be changed until submitted); "Submit…" asks first, since the bank then decides
 * on what was sent and nothing can be added.
 */
export function DisputeEvidenceForm({
  action,
  disputeId,
  fields,
  evidence,
}: {
  action: Action;
  disputeId: string;
  fields: ReadonlyArray<{ name: string; label: string; rows: number }>;
  evidence: DisputeEvidence;
}) {
  const [state, formAction] = useActionState(action, IDLE_STATE);
  const [confirming, setConfirming] = useState<ActionState | null>(null);
  const isConfirming = confirming !== null && confirming === state;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="disputeId" value={disputeId} />
      {fields.map((field) => {
        const id = `evidence-${field.name}`;
        const value = String(values?.[field.name] ?? evidence[field.name] ?? '');
        const error = state.status === 'error' ? state.fieldErrors?.[field.name] : undefined;
        return (
          <div key={field.name} className="flex flex-col gap-1">
            <label htmlFor={id} className="text-sm font-medium">
              {field.label}
            </label>
            {field.rows === 1 ? (
              <input
                id={id}
                name={field.name}
                defaultValue={value}
                aria-invalid={error ? true : undefined}
                className="rounded-md border border-line bg-white px-2 py-1.5"
              />
            ) : (
              <textarea
                id={id}
                name={field.name}
                rows={field.rows}
                defaultValue={value}
                aria-invalid={error ? true : undefined}
                className="rounded-md border border-line bg-white px-2 py-1.5 font-mono text-xs"
              />
            )}
            {error ? <p className="text-sm text-danger">{error}</p> : null}
          </div>
        );
      })}
      {isConfirming ? (
        <div
          role="group"
          aria-label="Confirm submission"
          className="flex flex-wrap items-center gap-3"
        >
          <p className="text-sm">
            Submit this evidence to the bank? It cannot be changed or added to afterwards.
          </p>
          <SubmitButton name="intent" value="submit" pendingLabel="Submitting…" className={DANGER}>
            Confirm submission
          </SubmitButton>
          <button type="button" className={SECONDARY} onClick={() => setConfirming(null)}>
            Keep editing
          </button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-3">
          <SubmitButton name="intent" value="stage" pendingLabel="Saving…" className={SECONDARY}>
            Save draft
          </SubmitButton>
          <button type="button" className={PRIMARY} onClick={() => setConfirming(state)}>
            Submit evidence…
          </button>
        </div>
      )}
      <ActionMessage state={state} />
    </form>
  );
}
