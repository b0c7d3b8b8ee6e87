'use client';

import { useSyncExternalStore } from 'react';
import { CART_CHANGED_EVENT, CART_COUNT_COOKIE } from '@/lib/cart/count';

// The store's pages are static, so the header cannot read the cart cookie on the server. The item
// count travels in a readable cookie beside the httpOnly cart (a number, nothing more) and is
// read here. It is re-read whenever the page re-renders, on our own "cart changed" event, and on
// the Cookie Store API's change event where the browser has it.
function subscribe(onChange: () => void): () => void {
  window.addEventListener(CART_CHANGED_EVENT, onChange);
  window.addEventListener('pageshow', onChange);
  const store = (window as Window & { cookieStore?: EventTarget }).cookieStore;
  store?.addEventListener('change', onChange);
  return () => {
    window.removeEventListener(CART_CHANGED_EVENT, onChange);
    window.removeEventListener('pageshow', onChange);
    store?.removeEventListener('change', onChange);
  };
}

function readCount(): number {
  const match = document.cookie.match(new RegExp(`(?:^|; )${CART_COUNT_COOKIE}=(\\d{1,4})`));
  return match ? Number(match[1]) : 0;
}

export function CartBadge() {
  const count = useSyncExternalStore(subscribe, readCount, () => null);
  return (
    <span
      data-testid="cart-count"
      aria-label={count === null ? undefined : count === 1 ? '1 item' : `${count} items`}
      className="min-w-6 rounded-full bg-accent px-2 py-0.5 text-center text-xs font-semibold text-white tabular-nums empty:hidden"
    >
      {count ?? ''}
    </span>
  );
}
