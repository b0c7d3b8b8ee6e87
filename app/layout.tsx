import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { storeName } from '@/lib/platform/store-settings';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const name = storeName();
  return {
    title: { default: name, template: `%s · ${name}` },
    description: `${name}: well-made goods for the kitchen and home, paid securely with Stripe.`,
  };
}

export const viewport: Viewport = { themeColor: '#faf8f4' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
