import Link from 'next/link';
import type { ReactNode } from 'react';
import { signOutCustomer } from '@/lib/auth/customer-actions';

const SECTIONS = [
  { href: '/account/orders', label: 'Orders' },
  { href: '/account/subscriptions', label: 'Subscriptions' },
  { href: '/account/payment-methods', label: 'Payment methods' },
] as const;

/** The frame of every signed-in account page: who is signed in, the sections, and sign out. */
export function AccountShell({
  email,
  current,
  children,
}: {
  email: string;
  current: (typeof SECTIONS)[number]['href'];
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-center justify-between gap-4 border-b border-line pb-4">
        <div>
          <p className="text-sm text-muted">Signed in as {email}</p>
          <nav aria-label="Account" className="mt-2 flex gap-1">
            {SECTIONS.map((section) => (
              <Link
                key={section.href}
                href={section.href}
                aria-current={section.href === current ? 'page' : undefined}
                className="rounded-md px-3 py-2 text-sm font-medium hover:bg-white aria-[current=page]:bg-white aria-[current=page]:text-accent-strong aria-[current=page]:shadow-sm"
              >
                {section.label}
              </Link>
            ))}
          </nav>
        </div>
        <form action={signOutCustomer}>
          <button
            type="submit"
            className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium hover:bg-paper"
          >
            Sign out
          </button>
        </form>
      </div>
      {children}
    </div>
  );
}
