import type { Metadata } from 'next';
import Link from 'next/link';
import { AccountShell } from '@/components/account/account-shell';
import { listCustomerOrders } from '@/lib/customers/orders';
import { requireCustomer } from '@/lib/customers/session';
import { formatMoney } from '@/lib/money';
import { ORDER_STATUS_LABELS } from '@/lib/orders/status';

export const metadata: Metadata = { title: 'Your orders', robots: { index: false } };

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

export default async function AccountOrdersPage() {
  const customer = await requireCustomer();
  const orders = await listCustomerOrders(customer);
  return (
    <AccountShell email={customer.email} current="/account/orders">
      <section aria-labelledby="orders-heading">
        <h1 id="orders-heading" className="text-2xl font-semibold tracking-tight">
          Your orders
        </h1>
        {orders.length === 0 ? (
          <p className="mt-4 text-muted">
            No orders yet. Orders you place with {customer.email} appear here.{' '}
            <Link href="/" className="font-medium text-accent underline underline-offset-2">
              Browse the store
            </Link>
          </p>
        ) : (
          <table className="mt-6 w-full text-sm">
            <caption className="sr-only">Your orders, newest first</caption>
            <thead className="border-b border-line text-left text-muted">
              <tr>
                <th scope="col" className="py-2 font-medium">
                  Order
                </th>
                <th scope="col" className="py-2 font-medium">
                  Placed
                </th>
                <th scope="col" className="py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  Items
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  Total
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {orders.map((order) => (
                <tr key={order.id} data-testid="customer-order">
                  <td className="py-3">
                    <Link
                      href={`/account/orders/${order.id}`}
                      className="font-medium text-accent underline underline-offset-2"
                    >
                      Order {order.number}
                    </Link>
                  </td>
                  <td className="py-3">{dateFormat.format(order.createdAt)}</td>
                  <td className="py-3">{ORDER_STATUS_LABELS[order.status]}</td>
                  <td className="py-3 text-right tabular-nums">{order.itemCount}</td>
                  <td className="py-3 text-right tabular-nums">
                    {formatMoney(order.amountTotal, order.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AccountShell>
  );
}
