'use client';

import { useActionState } from 'react';
import type { CheckoutSettings } from '@/lib/settings/store-settings';
import { IDLE_STATE, type ActionState } from '@/lib/platform/action-state';
import { SubmitButton } from '@/components/submit-button';
import { ActionMessage } from './action-message';
import { PRIMARY } from './confirm-action-form';
import { CheckboxField } from './form-field';

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** The store's checkout settings: Stripe Tax and invoices for one-time purchases. */
export function CheckoutSettingsForm({
  action,
  settings,
}: {
  action: Action;
  settings: CheckoutSettings;
}) {
  const [state, formAction] = useActionState(action, IDLE_STATE);
  // After an error the boxes show what was sent; otherwise what is saved.
  const checked = (name: keyof CheckoutSettings) =>
    state.values ? state.values[name] === 'on' : settings[name];
  return (
    <form action={formAction} className="flex max-w-2xl flex-col gap-4">
      <CheckboxField
        id="settings-tax"
        name="taxEnabled"
        label="Charge tax with Stripe Tax"
        hint="Checkout adds the tax due at the customer's address, using each product's tax code, and lets businesses enter their tax ID. Set Stripe Tax up in the Stripe Dashboard first (your origin address and the registrations where you collect tax), or Stripe refuses to start the checkout."
        defaultChecked={checked('taxEnabled')}
      />
      <CheckboxField
        id="settings-invoices"
        name="invoicesEnabled"
        label="Create invoices for one-time purchases"
        hint="Each paid order gets a Stripe invoice, a web page and a PDF linked from the customer's order page and confirmation email; Stripe needs no setup, and the invoice uses the branding and numbering in your Stripe Dashboard's invoice settings."
        defaultChecked={checked('invoicesEnabled')}
      />
      <ActionMessage state={state} />
      <div>
        <SubmitButton pendingLabel="Saving…" className={PRIMARY}>
          Save checkout settings
        </SubmitButton>
      </div>
    </form>
  );
}
