import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Cart' };

export default function CartPage() {
  return (
    <section className="mx-auto max-w-xl text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Your cart</h1>
      <p className="mt-4 text-muted">Your cart is empty.</p>
      <Link
        href="/"
        className="mt-6 inline-block rounded-lg bg-accent px-5 py-2.5 font-medium text-white hover:bg-accent-strong"
      >
        Browse products
      </Link>
    </section>
  );
}
