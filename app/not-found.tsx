import Link from 'next/link';

export default function NotFound() {
  return (
    <main
      id="main"
      className="mx-auto flex min-h-screen max-w-xl flex-col items-center justify-center px-4 text-center"
    >
      <p className="text-sm font-medium text-muted">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">We couldn’t find that page</h1>
      <p className="mt-3 text-muted">
        The product may have been retired, or the link may be mistyped.
      </p>
      <Link
        href="/"
        className="mt-6 rounded-lg bg-accent px-5 py-2.5 font-medium text-white hover:bg-accent-strong"
      >
        Back to the store
      </Link>
    </main>
  );
}
