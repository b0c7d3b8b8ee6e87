'use client';

import { IDLE_STATE } from '@/lib/platform/action-state';
import { useActionState } from 'react';
import { checkout } from '@/lib/checkout/actions';
import { SubmitButton } from './submit-button';

/** The "Ship to" choice of a cart holding goods that ship: the countries the store ships to. */
export interface ShipToChoice {
  countries: Array<{ code: string; name: string }>;
  defaultCountry: string;
}

export function CheckoutForm({
  canCheckout,
  shipTo = null,
}: {
  canCheckout: boolean;
  shipTo?: ShipToChoice | null;
}) {
  const [state, formAction] = useActionState(checkout, IDLE_STATE);
  const chosen = state.values?.country || shipTo?.defaultCountry;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      {shipTo ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="ship-to" className="text-sm font-medium">
            Ship to
          </label>
          {/* Keyed on the choice: React resets a form after its action, and a refused
              checkout must still show the country that was posted. */}
          <select
            key={chosen}
            id="ship-to"
            name="country"
            defaultValue={chosen}
            aria-describedby="ship-to-hint"
            className="w-full rounded-lg border border-line bg-white px-3 py-2"
          >
            {shipTo.countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </select>
          <p id="ship-to-hint" className="text-sm text-muted">
            You’ll enter the address and choose the delivery option on the payment page.
          </p>
        </div>
      ) : null}
      <SubmitButton
        pendingLabel="Going to payment…"
        disabled={!canCheckout}
        className="w-full rounded-lg bg-accent px-6 py-3 font-medium text-white hover:bg-accent-strong disabled:cursor-not-allowed disabled:opacity-60"
      >
        Checkout
      </SubmitButton>
      {state.status === 'error' ? (
        <div
          role="alert"
          className="rounded-lg border border-danger/30 bg-danger/5 p-3 text-sm text-danger"
        >
          <p className="font-medium">{state.message}</p>
          {state.problems && state.problems.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {state.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
