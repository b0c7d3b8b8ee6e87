'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/admin', label: 'Dashboard' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/products', label: 'Products' },
  { href: '/admin/promotions', label: 'Promotions' },
  { href: '/admin/subscriptions', label: 'Subscriptions' },
  { href: '/admin/money', label: 'Money' },
  { href: '/admin/disputes', label: 'Disputes' },
  { href: '/admin/events', label: 'Webhook events' },
  { href: '/admin/mail', label: 'Mail' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/settings', label: 'Settings' },
];

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 text-sm">
        {LINKS.map(({ href, label }) => {
          const isCurrent = href === '/admin' ? pathname === href : pathname.startsWith(href);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={isCurrent ? 'page' : undefined}
                className={`block whitespace-nowrap rounded-md px-3 py-1.5 ${
                  isCurrent ? 'bg-accent text-white' : 'hover:bg-paper'
                }`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
