import Link from 'next/link';
import type { ReactNode } from 'react';
import { itemCount } from '@/lib/cart';
import { readCart } from '@/lib/cart-cookie';
import { storeName } from '@/lib/store';

export default async function StoreLayout({ children }: { children: ReactNode }) {
  const name = storeName();
  const count = itemCount((await readCart()).cart);
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
          <nav aria-label="Store">
            <Link
              href="/cart"
              aria-label={count === 1 ? 'Cart, 1 item' : `Cart, ${count} items`}
              className="flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium hover:bg-paper"
            >
              Cart
              <span
                data-testid="cart-count"
                className="min-w-6 rounded-full bg-accent px-2 py-0.5 text-center text-xs font-semibold text-white tabular-nums"
              >
                {count}
              </span>
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
