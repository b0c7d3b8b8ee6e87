import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { CustomerSignInForm } from '@/components/account/sign-in-form';
import { safeReturnPath } from '@/lib/auth/return-path';
import { currentCustomer } from '@/lib/customers/session';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

const ERRORS: Record<string, string> = {
  Verification: 'That sign-in link has expired or was already used. Ask for a new one below.',
};

export default async function CustomerSignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const returnPath = safeReturnPath(params.next);
  if (await currentCustomer()) redirect(returnPath ?? '/account/orders');
  const error =
    typeof params.error === 'string'
      ? (ERRORS[params.error] ?? 'Sign-in failed. Ask for a new link.')
      : null;
  return (
    <section aria-labelledby="sign-in-heading" className="mx-auto flex max-w-sm flex-col gap-6">
      <div>
        <h1 id="sign-in-heading" className="text-2xl font-semibold tracking-tight">
          Sign in
        </h1>
        <p className="mt-2 text-sm text-muted">
          See your orders and the cards you saved. No password: we email you a link. You can always
          check out as a guest.
        </p>
      </div>
      {params.signed_out ? (
        <p role="status" className="text-sm text-muted">
          You are signed out.
        </p>
      ) : null}
      {error ? (
        <p
          role="alert"
          className="rounded-md border border-danger/30 bg-danger/5 p-3 text-sm text-danger"
        >
          {error}
        </p>
      ) : null}
      {returnPath ? (
        <p className="text-sm text-muted">Sign in to continue; the link brings you back.</p>
      ) : null}
      <CustomerSignInForm returnPath={returnPath} />
    </section>
  );
}
