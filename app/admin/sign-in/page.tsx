import type { Metadata } from 'next';
import { adminReturnPath } from '@/lib/auth/return-path';
import { SignInForm } from '@/components/admin/sign-in-form';
import { env } from '@/lib/env';
import { storeName } from '@/lib/platform/store-settings';
import { signInWithGitHub } from '@/lib/auth/admin-actions';

export const metadata: Metadata = { title: 'Admin sign-in', robots: { index: false } };

const ERRORS: Record<string, string> = {
  forbidden: 'That account is not an admin. Sign in with an admin account.',
  AccessDenied: 'That GitHub account is not on the list of admins.',
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = adminReturnPath(params.next);
  const error =
    typeof params.error === 'string'
      ? (ERRORS[params.error] ?? 'Sign-in failed. Try again.')
      : null;
  const config = env();
  const hasGitHub = Boolean(config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4 py-12">
      <div>
        <p className="text-sm text-muted">{storeName()}</p>
        <h1 className="text-2xl font-semibold tracking-tight">Admin sign-in</h1>
      </div>
      {error ? (
        <p
          role="alert"
          className="rounded-md border border-danger/30 bg-danger/5 p-3 text-sm text-danger"
        >
          {error}
        </p>
      ) : null}
      <SignInForm next={next} />
      {hasGitHub ? (
        <form action={signInWithGitHub}>
          <input type="hidden" name="next" value={next} />
          <button
            type="submit"
            className="w-full rounded-md border border-line bg-white px-4 py-2 font-medium hover:bg-paper"
          >
            Sign in with GitHub
          </button>
        </form>
      ) : null}
    </main>
  );
}
