import { stockState } from '@/lib/catalogue/queries';

/** Availability in words, never colour alone: "In stock", "Only 3 left", "Sold out". */
export function StockBadge({
  stock,
  className = '',
}: {
  stock: number | null;
  className?: string;
}) {
  const state = stockState(stock);
  switch (state.kind) {
    case 'sold_out':
      return <p className={`text-sm font-medium text-danger ${className}`}>Sold out</p>;
    case 'low':
      return <p className={`text-sm font-medium text-warn ${className}`}>Only {state.left} left</p>;
    default:
      return <p className={`text-sm text-muted ${className}`}>In stock</p>;
  }
}
