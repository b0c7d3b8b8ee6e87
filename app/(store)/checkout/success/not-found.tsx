import Link from 'next/link';

export default function OrderNotFound() {
  return (
    <section className="mx-auto max-w-xl text-center">
      <h1 className="text-2xl font-semibold tracking-tight">We couldn’t find that order</h1>
      <p className="mt-3 text-muted">
        The confirmation link may be incomplete. If you paid, your confirmation email has your order
        details.
      </p>
      <Link
        href="/"
        className="mt-6 inline-block rounded-lg bg-accent px-5 py-2.5 font-medium text-white hover:bg-accent-strong"
      >
        Back to the store
      </Link>
    </section>
  );
}
