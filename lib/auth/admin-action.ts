import 'server-only';
import { headers } from 'next/headers';
import type { z } from 'zod';
import { requireAdmin, type Admin } from '@/lib/auth/auth';
import { clientAddress } from '@/lib/platform/client-address';
import type { ActionState } from '@/lib/platform/action-state';

export type { ActionState };

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
    const values = formObject(form);
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'form');
        fieldErrors[field] ??= issue.message;
      }
      return { status: 'error', message: 'Check the highlighted fields.', fieldErrors, values };
    }
    const ip = clientAddress(await headers());
    const result = await run(parsed.data, { ...admin, ip: ip === 'unknown' ? null : ip });
    // The action may correct a submitted value it refused (e.g. the stock it found instead).
    return result.status === 'error'
      ? { ...result, values: { ...values, ...result.values } }
      : result;
  };
}

function formObject(form: FormData): Record<string, string> {
  const object: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    // React adds $ACTION_ ids to forms; they are not input. Admin forms upload no files.
    if (!key.startsWith('$ACTION') && typeof value === 'string') object[key] = value;
  }
  return object;
}
