import Link from 'next/link';
import type { ReactNode } from 'react';
import { CartBadge } from '@/components/cart-badge';
import { storeName } from '@/lib/platform/store-settings';

export default function StoreLayout({ children }: { children: ReactNode }) {
  const name = storeName();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-line bg-white/80">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-4 sm:px-6">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            {name}
          </Link>
          <nav aria-label="Store" className="flex items-center gap-1">
            {/* A plain link, so the catalogue stays static: /account works out who is signed in. */}
            <Link
              href="/account/orders"
              className="rounded-md px-3 py-2 text-sm font-medium hover:bg-paper"
            >
              Account
            </Link>
            <Link
              href="/cart"
              className="flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium hover:bg-paper"
            >
              Cart
              <CartBadge />
            </Link>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 sm:py-12">
        {children}
      </main>
      <footer className="border-t border-line">
        <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-muted sm:px-6">
          © {new Date().getFullYear()} {name}. Payments are processed securely by Stripe.
        </div>
      </footer>
    </div>
  );
}
