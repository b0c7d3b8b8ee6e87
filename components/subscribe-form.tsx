'use client';

import { IDLE_STATE } from '@/lib/platform/action-state';
import { useActionState } from 'react';
import { subscribe } from '@/lib/subscriptions/actions';
import { SubmitButton } from './submit-button';

/**
 * The recurring product's button. It reads no cookie: the product page stays static, and the
 * action decides whether the shopper signs in first or goes straight to Stripe's page.
 */
export function SubscribeForm({
  productId,
  returnPath,
}: {
  productId: string;
  returnPath: string;
}) {
  const [state, formAction] = useActionState(subscribe, IDLE_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="productId" value={productId} />
      {/* A guest signs in first and the emailed link brings them back here. */}
      <input type="hidden" name="returnPath" value={returnPath} />
      <SubmitButton
        pendingLabel="Opening checkout…"
        className="rounded-lg bg-accent px-6 py-3 font-medium text-white hover:bg-accent-strong disabled:opacity-60 sm:self-start"
      >
        Subscribe
      </SubmitButton>
      <p className="text-sm text-muted">Renews automatically. Cancel any time from your account.</p>
      <p role="status" aria-live="polite" className="text-sm text-danger">
        {state.message}
      </p>
    </form>
  );
}
