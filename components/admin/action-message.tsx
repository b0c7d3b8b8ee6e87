import type { ActionState } from '@/lib/platform/action-state';

/** The outcome of an admin action, announced to screen readers as it appears. */
export function ActionMessage({ state }: { state: ActionState }) {
  if (state.status === 'idle') return null;
  return state.status === 'error' ? (
    <p
      role="alert"
      className="rounded-md border border-danger/30 bg-danger/5 px-3 py-2 text-sm text-danger"
    >
      {state.message}
    </p>
  ) : (
    <p
      role="status"
      className="rounded-md border border-accent/30 bg-accent/5 px-3 py-2 text-sm text-accent-strong"
    >
      {state.message}
    </p>
  );
}
