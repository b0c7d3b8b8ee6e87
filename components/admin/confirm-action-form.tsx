'use client';

import { useActionState, useState, type ReactNode } from 'react';
import { IDLE_STATE, type ActionState } from '@/lib/platform/action-state';
import { SubmitButton } from '@/components/submit-button';
import { ActionMessage } from './action-message';

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

const button = 'rounded-md px-3 py-2 text-sm font-medium disabled:opacity-60';
export const PRIMARY = `${button} bg-accent text-white hover:bg-accent-strong`;
export const DANGER = `${button} bg-danger text-white hover:opacity-90`;
export const SECONDARY = `${button} border border-line bg-white hover:bg-paper`;

/**
 * An admin action that asks before it runs: the first button only opens a confirmation naming
 * what will happen; "Confirm" submits, shows a pending label, then the outcome inline.
 * `describe` turns the form's current values into that sentence (e.g. the refund amount).
 */
export function ConfirmActionForm({
  action,
  hidden,
  label,
  confirmLabel,
  pendingLabel,
  question,
  describe,
  danger = false,
  children,
}: {
  action: Action;
  hidden: Record<string, string>;
  label: string;
  confirmLabel: string;
  pendingLabel: string;
  question?: string;
  describe?: (form: FormData) => string | { problem: string };
  danger?: boolean;
  children?: ReactNode;
}) {
  const [state, formAction] = useActionState(action, IDLE_STATE);
  // The confirmation stays open until the action answers: a new state closes it by itself.
  const [opened, setOpened] = useState<{ question: string; after: ActionState } | null>(null);
  const confirming = opened && opened.after === state ? opened.question : null;
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {confirming === null ? (
        <div>
          <button
            type="button"
            className={danger ? DANGER : PRIMARY}
            onClick={(event) => {
              const form = new FormData(event.currentTarget.form!);
              const described = describe ? describe(form) : (question ?? `${label}?`);
              if (typeof described === 'object') {
                setProblem(described.problem);
                return;
              }
              setProblem(null);
              setOpened({ question: described, after: state });
            }}
          >
            {label}
          </button>
        </div>
      ) : (
        <div
          role="group"
          aria-label="Confirm"
          className="flex flex-col gap-2 rounded-md border border-line bg-paper p-3"
        >
          <p className="text-sm font-medium">{confirming}</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton pendingLabel={pendingLabel} className={danger ? DANGER : PRIMARY}>
              {confirmLabel}
            </SubmitButton>
            <button type="button" className={SECONDARY} onClick={() => setOpened(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {problem ? (
        <p role="alert" className="text-sm text-danger">
          {problem}
        </p>
      ) : null}
      <ActionMessage state={state} />
    </form>
  );
}
