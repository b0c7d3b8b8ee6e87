'use client';

import { useEffect } from 'react';
import { CART_CHANGED_EVENT } from '@/lib/cart/count';

/** Tells the header badge to re-read the count whenever the cart shown here changes. */
export function CartChanged({ itemCount }: { itemCount: number }) {
  useEffect(() => {
    window.dispatchEvent(new Event(CART_CHANGED_EVENT));
  }, [itemCount]);
  return null;
}
