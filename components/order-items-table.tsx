import { formatMoney } from '@/lib/money';
import { totalsRows, type OrderTotalsFields } from '@/lib/orders/summary';

export type OrderItemsTableProps = OrderTotalsFields & {
  number: number;
  items: Array<{ name: string; unitAmount: number; quantity: number }>;
  amountRefunded: number;
};

/** What an order bought and what it cost, as the customer sees it (success page and account). */
export function OrderItemsTable({ order }: { order: OrderItemsTableProps }) {
  const money = (amount: number) => formatMoney(amount, order.currency);
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Items in order {order.number}</caption>
      <thead className="border-b border-line text-left text-muted">
        <tr>
          <th scope="col" className="py-2 font-medium">
            Item
          </th>
          <th scope="col" className="py-2 text-right font-medium">
            Price
          </th>
          <th scope="col" className="py-2 text-right font-medium">
            Quantity
          </th>
          <th scope="col" className="py-2 text-right font-medium">
            Amount
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-line">
        {order.items.map((item) => (
          <tr key={item.name}>
            <td className="py-3">{item.name}</td>
            <td className="py-3 text-right tabular-nums">{money(item.unitAmount)}</td>
            <td className="py-3 text-right tabular-nums">{item.quantity}</td>
            <td className="py-3 text-right tabular-nums">
              {money(item.unitAmount * item.quantity)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot className="border-t border-line">
        {totalsRows(order).map((row) => {
          const isTotal = row.kind === 'total';
          return (
            <tr key={row.kind}>
              <th
                scope="row"
                colSpan={3}
                className={`py-2 text-right ${isTotal ? 'font-semibold' : 'font-medium text-muted'}`}
              >
                {row.label}
              </th>
              <td
                className={`py-2 text-right tabular-nums ${isTotal ? 'font-semibold' : ''}`}
                data-testid={`order-${row.kind}`}
              >
                {row.amount}
              </td>
            </tr>
          );
        })}
        {order.amountRefunded > 0 ? (
          <tr>
            <th scope="row" colSpan={3} className="py-2 text-right font-medium text-muted">
              Refunded
            </th>
            <td className="py-2 text-right tabular-nums">−{money(order.amountRefunded)}</td>
          </tr>
        ) : null}
      </tfoot>
    </table>
  );
}
