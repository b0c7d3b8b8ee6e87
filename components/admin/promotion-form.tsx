'use client';

import { useActionState, useState, type FormEvent } from 'react';
import { IDLE_STATE, type ActionState } from '@/lib/platform/action-state';
import {
  describeLimits,
  describePromotion,
  parsePromotionForm,
  type PromotionForm as PromotionFormValues,
} from '@/lib/promotions/rules';
import { SubmitButton } from '@/components/submit-button';
import { ActionMessage } from './action-message';
import { Field } from './form-field';

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

const input =
  'w-full rounded-md border border-line bg-white px-3 py-2 text-sm aria-[invalid=true]:border-danger';

/**
 * The new promotion code form. `submission` is made once per render of the page, so a double
 * submit of one form makes one code in Stripe; after a success the page renders a new one and the
 * fields start afresh (they are keyed by it).
 */
export function PromotionForm({
  action,
  submission,
  currencies,
}: {
  action: Action;
  submission: string;
  currencies: string[];
}) {
  const [state, formAction] = useActionState(action, IDLE_STATE);
  return (
    <form action={formAction} className="grid max-w-2xl gap-4" noValidate>
      <input type="hidden" name="submission" value={submission} />
      <PromotionFields key={submission} state={state} currencies={currencies} />
      <ActionMessage state={state} />
      <div>
        <SubmitButton
          pendingLabel="Creating…"
          className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-60"
        >
          Create code
        </SubmitButton>
      </div>
    </form>
  );
}

function PromotionFields({ state, currencies }: { state: ActionState; currencies: string[] }) {
  const errors = state.fieldErrors ?? {};
  const typed = state.values ?? {};
  const value = (name: keyof PromotionFormValues) => typed[name] ?? '';
  const [kind, setKind] = useState(typed.kind === 'fixed' ? 'fixed' : 'percent');
  const [preview, setPreview] = useState<string | null>(null);

  // The same rules as the server, so the sentence shown is the code the admin will get.
  function updatePreview(event: FormEvent<HTMLDivElement>) {
    const form = (event.target as HTMLInputElement).form;
    if (!form) return;
    const values = Object.fromEntries(
      [...new FormData(form).entries()].map(([name, entry]) => [name, String(entry)]),
    );
    const parsed = parsePromotionForm(
      // The code does not change the sentence; a half-typed one must not hide it.
      { ...values, code: 'PREVIEW' },
      { currencies, now: new Date() },
    );
    setPreview(
      parsed.ok
        ? [describePromotion(parsed.draft), ...describeLimits(parsed.draft)].join(' · ')
        : null,
    );
  }

  const kindError = errors.kind;
  return (
    <div className="grid gap-4" onChange={updatePreview}>
      <Field
        id="promotion-code"
        label="Code"
        hint="What customers type at checkout: 3 to 40 letters, digits or dashes. Any case works."
        error={errors.code}
      >
        {(props) => (
          <input
            {...props}
            name="code"
            defaultValue={value('code')}
            maxLength={40}
            autoComplete="off"
            spellCheck={false}
            className={`${input} font-mono uppercase`}
            required
          />
        )}
      </Field>
      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={kindError ? 'promotion-kind-error' : undefined}
      >
        <legend className="text-sm font-medium">Discount</legend>
        <div className="flex flex-wrap gap-4">
          {[
            { value: 'percent', label: 'Percentage' },
            { value: 'fixed', label: 'Fixed amount' },
          ].map((option) => (
            <label key={option.value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="kind"
                value={option.value}
                defaultChecked={kind === option.value}
                onChange={() => setKind(option.value as 'percent' | 'fixed')}
                className="size-4"
              />
              {option.label}
            </label>
          ))}
        </div>
        {kindError ? (
          <p id="promotion-kind-error" className="text-sm text-danger">
            {kindError}
          </p>
        ) : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="promotion-amount"
          label={kind === 'percent' ? 'Percent off' : 'Amount off'}
          hint={
            kind === 'percent'
              ? 'Such as 10 or 12.5 (at most 100).'
              : 'In the chosen currency, such as 5.00.'
          }
          error={errors.amount}
        >
          {(props) => (
            <input
              {...props}
              name="amount"
              inputMode="decimal"
              defaultValue={value('amount')}
              className={`${input} text-right tabular-nums`}
              required
            />
          )}
        </Field>
        <Field
          id="promotion-currency"
          label="Currency"
          hint="Of the amount off and the minimum order amount."
          error={errors.currency}
        >
          {(props) => (
            <select
              {...props}
              name="currency"
              defaultValue={value('currency') || currencies[0]}
              className={input}
            >
              {currencies.map((currency) => (
                <option key={currency} value={currency}>
                  {currency.toUpperCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="promotion-expires-on"
          label="Last day (optional)"
          hint="The code stops working at the end of this day, UTC."
          error={errors.expiresOn}
        >
          {(props) => (
            <input
              {...props}
              type="date"
              name="expiresOn"
              defaultValue={value('expiresOn')}
              className={input}
            />
          )}
        </Field>
        <Field
          id="promotion-max-redemptions"
          label="Maximum redemptions (optional)"
          hint="How many orders may use it in all. Empty: no limit."
          error={errors.maxRedemptions}
        >
          {(props) => (
            <input
              {...props}
              name="maxRedemptions"
              inputMode="numeric"
              defaultValue={value('maxRedemptions')}
              className={`${input} text-right tabular-nums`}
            />
          )}
        </Field>
      </div>
      <Field
        id="promotion-minimum-amount"
        label="Minimum order amount (optional)"
        hint="The order’s subtotal must reach it, in the chosen currency. Empty: no minimum."
        error={errors.minimumAmount}
      >
        {(props) => (
          <input
            {...props}
            name="minimumAmount"
            inputMode="decimal"
            defaultValue={value('minimumAmount')}
            className={`${input} text-right tabular-nums sm:max-w-[50%]`}
          />
        )}
      </Field>
      <div className="flex flex-col gap-1">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            name="firstOrderOnly"
            defaultChecked={typed.firstOrderOnly === 'on'}
            aria-describedby="promotion-first-order-hint"
            className="size-4"
          />
          First order only
        </label>
        <p id="promotion-first-order-hint" className="text-xs text-muted">
          Stripe accepts it only from customers with no earlier successful payment.
        </p>
        {errors.firstOrderOnly ? (
          <p className="text-sm text-danger">{errors.firstOrderOnly}</p>
        ) : null}
      </div>
      <p aria-live="polite" className="rounded-md bg-paper px-3 py-2 text-sm">
        <span className="font-medium">Customers get: </span>
        {preview ?? 'fill in the discount to see it in words.'}
      </p>
    </div>
  );
}
