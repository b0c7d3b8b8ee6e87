import type { PricingProduct } from '@/lib/catalogue/queries';
import type { Cart } from '@/lib/cart/lines';

/**
 * Pure cart math: the cart's lines priced with products read from the database. It is what the
 * cart page shows and what checkout charges. Never feed it prices from anywhere but the database.
 */

export type LineProblem =
  | { kind: 'unavailable' }
  | { kind: 'sold_out' }
  | { kind: 'insufficient_stock'; available: number };

export interface PricedLine {
  productId: string;
  quantity: number;
  /** null when the product no longer exists. */
  product: PricingProduct | null;
  lineTotal: number;
  problem: LineProblem | null;
}

export interface PricedCart {
  lines: PricedLine[];
  /** Sum of the lines that can be bought; null when the products are priced in several currencies. */
  subtotal: number | null;
  currency: string | null;
  itemCount: number;
  canCheckout: boolean;
}

export function priceCart(cart: Cart, products: PricingProduct[]): PricedCart {
  const byId = new Map(products.map((product) => [product.id, product]));
  const lines = cart.lines.map((line): PricedLine => {
    const product = byId.get(line.productId) ?? null;
    return {
      productId: line.productId,
      quantity: line.quantity,
      product,
      lineTotal: product ? product.unitAmount * line.quantity : 0,
      problem: problemOf(product, line.quantity),
    };
  });
  const buyable = lines.filter((line) => line.product && !line.problem);
  const currencies = new Set(buyable.map((line) => line.product!.currency));
  const currency = currencies.size === 1 ? [...currencies][0]! : null;
  return {
    lines,
    subtotal:
      currencies.size <= 1 ? buyable.reduce((total, line) => total + line.lineTotal, 0) : null,
    currency,
    itemCount: lines.reduce((total, line) => total + line.quantity, 0),
    canCheckout: lines.length > 0 && lines.every((line) => !line.problem) && currencies.size === 1,
  };
}

function problemOf(product: PricingProduct | null, quantity: number): LineProblem | null {
  if (!product || !product.active) return { kind: 'unavailable' };
  if (product.stock === null) return null;
  if (product.stock <= 0) return { kind: 'sold_out' };
  if (product.stock < quantity) return { kind: 'insufficient_stock', available: product.stock };
  return null;
}

/** The customer-facing sentence for a line's problem. */
export function describeProblem(name: string, problem: LineProblem): string {
  switch (problem.kind) {
    case 'unavailable':
      return `${name} is no longer for sale. Please remove it to check out.`;
    case 'sold_out':
      return `${name} is sold out. Please remove it to check out.`;
    case 'insufficient_stock':
      return `Only ${problem.available} ${name} left. Please lower the quantity to check out.`;
  }
}
