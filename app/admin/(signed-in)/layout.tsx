import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { SubmitButton } from '@/components/submit-button';
import { requireAdmin } from '@/lib/auth/auth';
import { storeName } from '@/lib/platform/store-settings';
import { signOutAdmin } from '@/lib/auth/admin-actions';

export const metadata: Metadata = {
  title: { default: 'Admin', template: `%s · Admin` },
  robots: { index: false },
};

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const admin = await requireAdmin();
  return (
    <div className="flex min-h-screen flex-col bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-line bg-paper">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <p className="font-semibold tracking-tight">{storeName()} admin</p>
          <AdminNav />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="hidden text-muted sm:inline">{admin.email}</span>
            <form action={signOutAdmin}>
              <SubmitButton
                pendingLabel="Signing out…"
                className="rounded-md border border-line bg-white px-3 py-1.5 hover:bg-paper"
              >
                Sign out
              </SubmitButton>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  );
}
