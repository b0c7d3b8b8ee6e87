'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Re-renders the page every two seconds while Stripe's webhook has yet to confirm something. */
export function RefreshWhilePending({ isPending }: { isPending: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!isPending) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [isPending, router]);
  return null;
}
