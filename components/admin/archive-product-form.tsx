'use client';

import { useActionState } from 'react';
import { IDLE_STATE, type ActionState } from '@/lib/platform/action-state';
import { SubmitButton } from '@/components/submit-button';
import { ActionMessage } from './action-message';

export function ArchiveProductForm({
  action,
  id,
  isActive,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  id: string;
  isActive: boolean;
}) {
  const [state, formAction] = useActionState(action, IDLE_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={isActive ? 'false' : 'true'} />
      <div>
        <SubmitButton
          pendingLabel={isActive ? 'Archiving…' : 'Restoring…'}
          className="rounded-md border border-line bg-white px-3 py-2 text-sm hover:bg-paper"
        >
          {isActive ? 'Archive product' : 'Restore product'}
        </SubmitButton>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}
