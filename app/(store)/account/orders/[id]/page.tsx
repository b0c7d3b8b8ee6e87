import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AccountShell } from '@/components/account/account-shell';
import { OrderDetail } from '@/components/account/order-detail';
import { isOrderLinkKeyValid, invoiceHrefs } from '@/lib/orders/guest-link';
import { findCustomerOrder } from '@/lib/customers/orders';
import { requireCustomer } from '@/lib/customers/session';

export const metadata: Metadata = { title: 'Order', robots: { index: false } };

interface OrderPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ key?: string | string[] }>;
}

/**
 * Two ways in: the signed link from the confirmation email or success page (guests, no account
 * needed), or being signed in as the order's customer. A wrong key is "not found", exactly like
 * an order that does not exist or is someone else's.
 */
export default async function CustomerOrderPage({ params, searchParams }: OrderPageProps) {
  const { id } = await params;
  const { key } = await searchParams;
  if (key !== undefined) {
    if (typeof key !== 'string' || !isOrderLinkKeyValid(id, key)) notFound();
    const order = await findCustomerOrder(id, { viaLink: true });
    if (!order) notFound();
    return (
      <section aria-labelledby="order-heading" className="mx-auto max-w-2xl">
        <h1 id="order-heading" className="mb-6 text-2xl font-semibold tracking-tight">
          Order {order.number}
        </h1>
        <OrderDetail order={order} invoice={invoiceHrefs(order, { signed: true })} />
        <p className="mt-8 text-sm text-muted">
          <Link href="/account/sign-in" className="font-medium text-accent underline">
            Sign in
          </Link>{' '}
          with {order.email ?? 'your email'} to see all your orders in one place.
        </p>
      </section>
    );
  }
  const customer = await requireCustomer();
  const order = await findCustomerOrder(id, { customer });
  if (!order) notFound();
  return (
    <AccountShell email={customer.email} current="/account/orders">
      <section aria-labelledby="order-heading">
        <Link href="/account/orders" className="text-sm font-medium text-accent underline">
          All orders
        </Link>
        <h1 id="order-heading" className="mb-6 mt-2 text-2xl font-semibold tracking-tight">
          Order {order.number}
        </h1>
        <OrderDetail order={order} invoice={invoiceHrefs(order, { signed: false })} />
      </section>
    </AccountShell>
  );
}
