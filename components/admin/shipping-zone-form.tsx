'use client';

import { useActionState } from 'react';
import type { ShippingZone } from '@/db/schema';
import { IDLE_STATE, type ActionState } from '@/lib/platform/action-state';
import { SubmitButton } from '@/components/submit-button';
import { ActionMessage } from './action-message';
import { PRIMARY } from './confirm-action-form';
import { Field, FIELD_INPUT } from './form-field';

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** A shipping zone's name and countries: creates a zone, or edits `zone`. */
export function ShippingZoneForm({ action, zone }: { action: Action; zone?: ShippingZone }) {
  const [state, formAction] = useActionState(action, IDLE_STATE);
  const errors = state.fieldErrors ?? {};
  const value = (name: string, saved: string | undefined) => state.values?.[name] ?? saved ?? '';
  const prefix = `zone-${zone?.id ?? 'new'}`;
  return (
    <form action={formAction} className="flex max-w-2xl flex-col gap-4" noValidate>
      {zone ? <input type="hidden" name="id" value={zone.id} /> : null}
      <Field id={`${prefix}-name`} label="Zone name" error={errors.name}>
        {(props) => (
          <input
            {...props}
            name="name"
            defaultValue={value('name', zone?.name)}
            maxLength={100}
            className={FIELD_INPUT}
            required
          />
        )}
      </Field>
      <Field
        id={`${prefix}-countries`}
        label="Countries"
        hint="Two-letter country codes separated by commas or spaces, such as US, CA or GB IE FR. A country can be in one zone only."
        error={errors.countries}
      >
        {(props) => (
          <textarea
            {...props}
            name="countries"
            rows={2}
            defaultValue={value('countries', zone?.countries.join(', '))}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            className={`${FIELD_INPUT} uppercase`}
            required
          />
        )}
      </Field>
      <ActionMessage state={state} />
      <div>
        <SubmitButton pendingLabel="Saving…" className={PRIMARY}>
          {zone ? 'Save zone' : 'Create zone'}
        </SubmitButton>
      </div>
    </form>
  );
}
