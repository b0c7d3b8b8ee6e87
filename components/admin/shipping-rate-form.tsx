'use client';

import { useActionState } from 'react';
import type { ShippingRate } from '@/db/schema';
import { IDLE_STATE, type ActionState } from '@/lib/platform/action-state';
import { formatDecimal } from '@/lib/money';
import { SubmitButton } from '@/components/submit-button';
import { ActionMessage } from './action-message';
import { PRIMARY } from './confirm-action-form';
import { CheckboxField, Field, FIELD_INPUT } from './form-field';

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

const NUMBER_INPUT = `${FIELD_INPUT} text-right tabular-nums`;

/**
 * A shipping rate: adds one to `zoneId`, or edits `rate`. Amounts are typed in major units of the
 * store's currency; a rate saved from here is priced in it.
 */
export function ShippingRateForm({
  action,
  zoneId,
  rate,
  currency,
}: {
  action: Action;
  zoneId: string;
  rate?: ShippingRate;
  currency: string;
}) {
  const [state, formAction] = useActionState(action, IDLE_STATE);
  const errors = state.fieldErrors ?? {};
  const value = (name: string, saved: string | undefined) => state.values?.[name] ?? saved ?? '';
  const prefix = `rate-${rate?.id ?? `new-${zoneId}`}`;
  const code = currency.toUpperCase();
  // A rate priced in another currency (STORE_CURRENCY changed) is shown blank, to be re-entered.
  const amount = (minor: number | null | undefined) =>
    rate && rate.currency === currency && minor !== null && minor !== undefined
      ? formatDecimal(minor, currency)
      : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {rate ? (
        <input type="hidden" name="id" value={rate.id} />
      ) : (
        <input type="hidden" name="zoneId" value={zoneId} />
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          id={`${prefix}-name`}
          label="Name"
          hint="What shoppers read on Stripe's page"
          error={errors.name}
        >
          {(props) => (
            <input
              {...props}
              name="name"
              defaultValue={value('name', rate?.name)}
              maxLength={100}
              className={FIELD_INPUT}
              required
            />
          )}
        </Field>
        <Field
          id={`${prefix}-price`}
          label={`Price (${code})`}
          hint="0 for free shipping"
          error={errors.price}
        >
          {(props) => (
            <input
              {...props}
              name="price"
              inputMode="decimal"
              defaultValue={value('price', amount(rate?.amount))}
              className={NUMBER_INPUT}
              required
            />
          )}
        </Field>
        <Field
          id={`${prefix}-freeOver`}
          label={`Free over (${code})`}
          hint="Free when the cart's subtotal reaches this; empty for never"
          error={errors.freeOver}
        >
          {(props) => (
            <input
              {...props}
              name="freeOver"
              inputMode="decimal"
              defaultValue={value('freeOver', amount(rate?.freeOverAmount))}
              className={NUMBER_INPUT}
            />
          )}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          id={`${prefix}-minDays`}
          label="Delivery from (business days)"
          hint="Empty for no estimate"
          error={errors.minDays}
        >
          {(props) => (
            <input
              {...props}
              name="minDays"
              inputMode="numeric"
              defaultValue={value('minDays', rate?.minDays?.toString())}
              className={NUMBER_INPUT}
            />
          )}
        </Field>
        <Field id={`${prefix}-maxDays`} label="Delivery to (business days)" error={errors.maxDays}>
          {(props) => (
            <input
              {...props}
              name="maxDays"
              inputMode="numeric"
              defaultValue={value('maxDays', rate?.maxDays?.toString())}
              className={NUMBER_INPUT}
            />
          )}
        </Field>
      </div>
      <CheckboxField
        id={`${prefix}-active`}
        name="active"
        label="Offered at checkout"
        defaultChecked={state.values ? state.values.active === 'on' : (rate?.active ?? true)}
      />
      <ActionMessage state={state} />
      <div>
        <SubmitButton pendingLabel="Saving…" className={PRIMARY}>
          {rate ? `Save ${rate.name}` : 'Add rate'}
        </SubmitButton>
      </div>
    </form>
  );
}
