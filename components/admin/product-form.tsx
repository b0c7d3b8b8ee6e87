'use client';

import { useActionState, type ReactNode } from 'react';
import type { Product } from '@/db/schema';
import { IDLE_STATE, type ActionState } from '@/lib/platform/action-state';
import { formatDecimal } from '@/lib/money';
import { SubmitButton } from '@/components/submit-button';
import { ActionMessage } from './action-message';
import {
  CheckboxField,
  Field as FormField,
  FIELD_INPUT as input,
  type FieldControlProps,
} from './form-field';

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** The product form's fields are named after their input: product-<name>. */
function Field({
  name,
  children,
  ...rest
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  children: (props: FieldControlProps) => ReactNode;
}) {
  return (
    <FormField id={`product-${name}`} {...rest}>
      {children}
    </FormField>
  );
}

export function ProductForm({
  action,
  product,
  images,
  defaultCurrency,
}: {
  action: Action;
  product?: Product;
  images: string[];
  defaultCurrency: string;
}) {
  const [state, formAction] = useActionState(action, IDLE_STATE);
  const errors = state.fieldErrors ?? {};
  const submitted = state.values;
  // After an error the form shows what was typed; otherwise the saved product.
  const value = (name: string, saved: string | undefined) => submitted?.[name] ?? saved ?? '';
  return (
    <form action={formAction} className="grid max-w-2xl gap-4" noValidate>
      {product ? (
        <>
          <input type="hidden" name="id" value={product.id} />
          {/* The stock this form shows, so saving it cannot erase sales made meanwhile. */}
          <input
            type="hidden"
            name="loadedStock"
            value={value('loadedStock', product.stock?.toString())}
          />
        </>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="name" label="Name" error={errors.name}>
          {(props) => (
            <input
              {...props}
              name="name"
              defaultValue={value('name', product?.name)}
              className={input}
              required
            />
          )}
        </Field>
        <Field
          name="slug"
          label="Slug"
          hint="The product's address: /products/slug"
          error={errors.slug}
        >
          {(props) => (
            <input
              {...props}
              name="slug"
              defaultValue={value('slug', product?.slug)}
              className={input}
              required
            />
          )}
        </Field>
      </div>
      <Field name="description" label="Description" error={errors.description}>
        {(props) => (
          <textarea
            {...props}
            name="description"
            rows={4}
            defaultValue={value('description', product?.description)}
            className={input}
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="price" label="Price" error={errors.price}>
          {(props) => (
            <input
              {...props}
              name="price"
              inputMode="decimal"
              defaultValue={value(
                'price',
                product ? formatDecimal(product.unitAmount, product.currency) : undefined,
              )}
              className={`${input} text-right tabular-nums`}
              required
            />
          )}
        </Field>
        <Field name="currency" label="Currency" error={errors.currency}>
          {(props) => (
            <input
              {...props}
              name="currency"
              defaultValue={value('currency', product?.currency ?? defaultCurrency)}
              maxLength={3}
              className={`${input} uppercase`}
              required
            />
          )}
        </Field>
        <Field
          name="stock"
          label="Stock"
          hint="Empty means unlimited"
          error={errors.stock ?? errors.loadedStock}
        >
          {(props) => (
            <input
              {...props}
              name="stock"
              inputMode="numeric"
              defaultValue={value('stock', product?.stock?.toString())}
              className={`${input} text-right tabular-nums`}
            />
          )}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          name="billing"
          label="Charged"
          hint="Recurring products are sold as subscriptions"
          error={errors.billing}
        >
          {(props) => (
            <select
              {...props}
              name="billing"
              defaultValue={value('billing', product?.recurringInterval ?? 'once')}
              className={input}
            >
              <option value="once">Once</option>
              <option value="month">Every month</option>
              <option value="year">Every year</option>
            </select>
          )}
        </Field>
        <Field
          name="intervalCount"
          label="Billing interval count"
          hint="Recurring only: 3 with month bills every 3 months"
          error={errors.intervalCount}
        >
          {(props) => (
            <input
              {...props}
              name="intervalCount"
              inputMode="numeric"
              defaultValue={value('intervalCount', String(product?.recurringIntervalCount ?? 1))}
              className={`${input} text-right tabular-nums`}
            />
          )}
        </Field>
      </div>
      <Field name="image" label="Image" error={errors.image}>
        {(props) => (
          <select
            {...props}
            name="image"
            defaultValue={value('image', product?.image ?? undefined)}
            className={input}
          >
            <option value="">No image</option>
            {images.map((image) => (
              <option key={image} value={image}>
                {image.replace('/products/', '')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="taxCode"
        label="Tax code (optional)"
        hint="Stripe Tax's product tax code, such as txcd_99999999 for general tangible goods. Empty uses the account's default. Applies only when Stripe Tax is on in Settings."
        error={errors.taxCode}
      >
        {(props) => (
          <input
            {...props}
            name="taxCode"
            defaultValue={value('taxCode', product?.taxCode ?? undefined)}
            placeholder="txcd_99999999"
            autoComplete="off"
            spellCheck={false}
            className={input}
          />
        )}
      </Field>
      <CheckboxField
        id="product-ships"
        name="ships"
        label="Ships (physical goods)"
        hint="Checkout asks for a shipping address and offers the shipping rates from Settings. One-time products only."
        error={errors.ships}
        defaultChecked={submitted ? submitted.ships === 'on' : (product?.ships ?? false)}
      />
      <CheckboxField
        id="product-active"
        name="active"
        label="On sale in the store"
        defaultChecked={submitted ? submitted.active === 'on' : (product?.active ?? true)}
      />
      <ActionMessage state={state} />
      <div>
        <SubmitButton
          pendingLabel="Saving…"
          className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-60"
        >
          {product ? 'Save product' : 'Create product'}
        </SubmitButton>
      </div>
    </form>
  );
}
