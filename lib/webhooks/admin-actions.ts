'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { adminAction } from '@/lib/auth/admin-action';
import { reapplyFailedEvent } from './inbox';

/** The admin event log's "Apply again" on a failed event (lib/webhooks/inbox.ts). */
export const reapplyEventAction = adminAction(
  z.object({ eventId: z.string().regex(/^evt_\w{1,255}$/, 'Unknown event.') }),
  async ({ eventId }, actor) => {
    const outcome = await reapplyFailedEvent(eventId, actor);
    if (!outcome)
      return { status: 'error', message: 'That event is not failed any more: nothing to apply.' };
    if (outcome.kind === 'failed')
      return { status: 'error', message: `It failed again: ${outcome.detail}` };
    // The row leaves the failed list, and its form with it: the log says what became of it.
    redirect(`/admin/events?${new URLSearchParams({ reapplied: eventId })}`);
  },
);
