'use client';

import { useFormStatus } from 'react-dom';
import type { ReactNode } from 'react';

/** A form's submit button that shows `pendingLabel` and disables itself while the action runs. */
export function SubmitButton({
  children,
  pendingLabel,
  className = '',
  disabled = false,
  ...rest
}: {
  children: ReactNode;
  pendingLabel: string;
  className?: string;
  disabled?: boolean;
  'aria-label'?: string;
  /** Sent with the form when this button submits it (a form with two ways to submit). */
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={disabled || pending}
      aria-busy={pending}
      className={className}
      {...rest}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
