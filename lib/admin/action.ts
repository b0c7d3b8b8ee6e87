import 'server-only';
import { headers } from 'next/headers';
import type { z } from 'zod';
import { requireAdmin, type Admin } from '@/lib/auth';
import { clientIp } from '@/lib/auth/sign-in-limits';

/** What every admin form shows after its action: an outcome message, and problems per field. */
export type ActionState = {
  status: 'idle' | 'success' | 'error';
  message: string;
  fieldErrors?: Record<string, string>;
};

export const IDLE: ActionState = { status: 'idle', message: '' };

/** The signed-in admin plus the request's address, for audit rows. */
export interface Actor extends Admin {
  ip: string | null;
}

/**
 * Wraps an admin server action: the admin check comes first (a signed-out or customer caller is
 * redirected before anything is parsed), then the form is validated against `schema` and errors
 * come back per field. The action itself receives typed input and the acting admin.
 */
export function adminAction<S extends z.ZodType>(
  schema: S,
  run: (input: z.infer<S>, actor: Actor) => Promise<ActionState>,
) {
  return async (_state: ActionState, form: FormData): Promise<ActionState> => {
    const admin = await requireAdmin();
    const parsed = schema.safeParse(formObject(form));
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'form');
        fieldErrors[field] ??= issue.message;
      }
      return { status: 'error', message: 'Check the highlighted fields.', fieldErrors };
    }
    const ip = clientIp(await headers());
    return run(parsed.data, { ...admin, ip: ip === 'unknown' ? null : ip });
  };
}

function formObject(form: FormData): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    // React adds $ACTION_ ids to forms; they are not input.
    if (!key.startsWith('$ACTION')) object[key] = value;
  }
  return object;
}
