import type { Metadata } from 'next';
import Link from 'next/link';
import { ConfirmSignInForm } from '@/components/account/confirm-sign-in-form';
import { safeReturnPath } from '@/lib/auth/return-path';
import { CUSTOMER_SIGN_IN_PATH } from '@/lib/customers/session';
import { isSignInLinkValid } from '@/lib/auth/sign-in-link';
import { storeName } from '@/lib/platform/store-settings';

export const metadata: Metadata = {
  title: 'Confirm sign-in',
  robots: { index: false },
  // The link's token is in this page's address: no other site learns it from a Referer.
  referrer: 'no-referrer',
};

/**
 * Where an emailed sign-in link lands. Opening it signs no one in: the page names the account and
 * the button signs in (see confirmSignInLink). A mail scanner's prefetch leaves the link working,
 * and a link planted in someone else's browser shows them an account that is not theirs.
 */
export default async function ConfirmSignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const email = typeof params.email === 'string' ? params.email.trim().toLowerCase() : '';
  const token = typeof params.token === 'string' ? params.token : '';
  const isValid = email !== '' && token !== '' && (await isSignInLinkValid(email, token));
  return (
    <section aria-labelledby="confirm-heading" className="mx-auto flex max-w-sm flex-col gap-6">
      <h1 id="confirm-heading" className="text-2xl font-semibold tracking-tight">
        Sign in
      </h1>
      {isValid ? (
        <>
          <p className="text-sm text-muted">
            Sign in to {storeName()} as <strong className="font-semibold">{email}</strong>. If that
            is not your email address, close this page: nothing happens until you press the button.
          </p>
          <ConfirmSignInForm email={email} token={token} returnPath={safeReturnPath(params.next)} />
        </>
      ) : (
        <>
          <p
            role="alert"
            className="rounded-md border border-danger/30 bg-danger/5 p-3 text-sm text-danger"
          >
            That sign-in link has expired or was already used.
          </p>
          <Link href={CUSTOMER_SIGN_IN_PATH} className="text-sm font-medium text-accent underline">
            Ask for a new link
          </Link>
        </>
      )}
    </section>
  );
}
