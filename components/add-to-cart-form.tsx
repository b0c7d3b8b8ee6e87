'use client';

import Link from 'next/link';
import { IDLE_STATE } from '@/lib/platform/action-state';
import { useActionState, useEffect } from 'react';
import { addToCart } from '@/lib/cart/actions';
import { CART_CHANGED_EVENT } from '@/lib/cart/count';
import { SubmitButton } from './submit-button';

export function AddToCartForm({
  productId,
  maxQuantity,
}: {
  productId: string;
  maxQuantity: number;
}) {
  const [state, formAction] = useActionState(addToCart, IDLE_STATE);
  useEffect(() => {
    if (state.status === 'success') window.dispatchEvent(new Event(CART_CHANGED_EVENT));
  }, [state]);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="productId" value={productId} />
      <div className="flex items-end gap-3">
        <label className="flex flex-col text-sm font-medium">
          Quantity
          <input
            type="number"
            name="quantity"
            defaultValue={1}
            min={1}
            max={maxQuantity}
            required
            className="mt-1 w-20 rounded-lg border border-line bg-white px-3 py-2.5 tabular-nums"
          />
        </label>
        <SubmitButton
          pendingLabel="Adding…"
          className="flex-1 rounded-lg bg-accent px-6 py-3 font-medium text-white hover:bg-accent-strong disabled:opacity-60 sm:flex-none"
        >
          Add to cart
        </SubmitButton>
      </div>
      <p
        role="status"
        aria-live="polite"
        className={`text-sm ${state.status === 'error' ? 'text-danger' : 'text-muted'}`}
      >
        {state.message}
        {state.status === 'success' ? (
          <>
            {' '}
            <Link href="/cart" className="font-medium text-accent underline">
              View cart
            </Link>
          </>
        ) : null}
      </p>
    </form>
  );
}
