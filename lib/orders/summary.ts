import { orders, type Order } from '@/db/schema';
import { formatMoney } from '@/lib/money';

/**
 * What the customer is shown of an order's money, shipping and tax: the success page, their order
 * page and the confirmation email read these columns and lay out the same rows.
 */
export type OrderSummary = Pick<
  Order,
  | 'currency'
  | 'amountSubtotal'
  | 'amountDiscount'
  | 'amountShipping'
  | 'amountTax'
  | 'amountTotal'
  | 'promotionCode'
  | 'shippingName'
  | 'shippingAddress'
  | 'shippingRateId'
  | 'shippingRateName'
  | 'customerTaxIds'
  | 'stripeInvoiceId'
>;

/** The columns of OrderSummary, for the queries that show an order. */
export const orderSummaryColumns = {
  currency: orders.currency,
  amountSubtotal: orders.amountSubtotal,
  amountDiscount: orders.amountDiscount,
  amountShipping: orders.amountShipping,
  amountTax: orders.amountTax,
  amountTotal: orders.amountTotal,
  promotionCode: orders.promotionCode,
  shippingName: orders.shippingName,
  shippingAddress: orders.shippingAddress,
  shippingRateId: orders.shippingRateId,
  shippingRateName: orders.shippingRateName,
  customerTaxIds: orders.customerTaxIds,
  stripeInvoiceId: orders.stripeInvoiceId,
} satisfies Record<keyof OrderSummary, unknown>;

export interface TotalsRow {
  kind: 'subtotal' | 'discount' | 'shipping' | 'tax' | 'total';
  label: string;
  /** What the row shows: "−$5.00" for the discount, "Free" for free shipping. */
  amount: string;
}

/** What the totals rows read. */
export type OrderTotalsFields = Pick<
  OrderSummary,
  | 'currency'
  | 'amountSubtotal'
  | 'amountDiscount'
  | 'amountShipping'
  | 'amountTax'
  | 'amountTotal'
  | 'promotionCode'
  | 'shippingRateId'
>;

/**
 * The totals breakdown, a row only where it says something: the subtotal when anything came on
 * top of it, the discount (with its code), shipping (free included) once a rate was chosen, tax,
 * and always the total. Subtotal − discount + shipping + tax = total.
 */
export function totalsRows(order: OrderTotalsFields): TotalsRow[] {
  const money = (amount: number) => formatMoney(amount, order.currency);
  const hasShipping = order.amountShipping > 0 || order.shippingRateId !== null;
  const rows: TotalsRow[] = [];
  if (
    order.amountSubtotal !== order.amountTotal ||
    order.amountDiscount > 0 ||
    hasShipping ||
    order.amountTax > 0
  )
    rows.push({ kind: 'subtotal', label: 'Subtotal', amount: money(order.amountSubtotal) });
  if (order.amountDiscount > 0)
    rows.push({
      kind: 'discount',
      label: order.promotionCode ? `Discount (${order.promotionCode})` : 'Discount',
      amount: `−${money(order.amountDiscount)}`,
    });
  if (hasShipping)
    rows.push({
      kind: 'shipping',
      label: 'Shipping',
      amount: order.amountShipping > 0 ? money(order.amountShipping) : 'Free',
    });
  if (order.amountTax > 0) rows.push({ kind: 'tax', label: 'Tax', amount: money(order.amountTax) });
  rows.push({ kind: 'total', label: 'Total', amount: money(order.amountTotal) });
  return rows;
}

/** A tax id as the customer entered it, after its kind: "EU VAT DE123456789". */
export function taxIdLabel(taxId: { type: string; value: string }): string {
  return `${taxId.type.split('_').join(' ').toUpperCase()} ${taxId.value}`;
}
