'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/auth/admin-action';
import { reapplyFailedEvent } from './inbox';

/** The admin event log's "Apply again" on a failed event (lib/webhooks/inbox.ts). */
export const reapplyEventAction = adminAction(
  z.object({ eventId: z.string().regex(/^evt_\w{1,255}$/, 'Unknown event.') }),
  async ({ eventId }, actor) => {
    const outcome = await reapplyFailedEvent(eventId, actor);
    revalidatePath('/admin/events');
    if (!outcome)
      return { status: 'error', message: 'That event is not failed any more: nothing to apply.' };
    if (outcome.kind === 'failed')
      return { status: 'error', message: `It failed again: ${outcome.detail}` };
    if (outcome.kind === 'waiting')
      return { status: 'success', message: `Waiting: ${outcome.detail}` };
    return { status: 'success', message: `Applied: ${outcome.detail}` };
  },
);
