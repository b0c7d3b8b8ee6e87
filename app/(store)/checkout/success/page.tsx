import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OrderItemsTable } from '@/components/order-items-table';
import { OrderShippingBilling } from '@/components/order-shipping-billing';
import { invoiceHrefs, orderLinkPath } from '@/lib/orders/guest-link';
import { fulfilCheckoutById } from '@/lib/checkout/fulfilment';
import { findOrderByCheckoutSession } from '@/lib/checkout/success-page';
import { customerStatusMessage, ORDER_STATUS_LABELS } from '@/lib/orders/status';

export const metadata: Metadata = { title: 'Order confirmation', robots: { index: false } };

interface SuccessPageProps {
  searchParams: Promise<{ session_id?: string | string[] }>;
}

const SESSION_ID = /^cs_(test|live)_[A-Za-z0-9]{10,200}$/;

export default async function CheckoutSuccessPage({ searchParams }: SuccessPageProps) {
  const { session_id: sessionId } = await searchParams;
  // Only ids of sessions we created are looked up; anything else is "not found" and costs no Stripe call.
  if (typeof sessionId !== 'string' || !SESSION_ID.test(sessionId)) notFound();
  let order = await findOrderByCheckoutSession(sessionId);
  if (!order) notFound();
  if (order.status === 'pending' || order.status === 'processing') {
    // The customer can arrive before the webhook: ask Stripe, and apply what it says (idempotent).
    const result = await fulfilCheckoutById(sessionId);
    if (result.kind === 'unknown_session' || result.kind === 'unknown_order') notFound();
    order = (await findOrderByCheckoutSession(sessionId)) ?? order;
  }

  return (
    <section aria-labelledby="confirmation-heading" className="mx-auto max-w-2xl">
      <p className="text-sm font-medium text-muted">Order {order.number}</p>
      <h1 id="confirmation-heading" className="mt-1 text-2xl font-semibold tracking-tight">
        {order.status === 'paid' || order.status === 'authorized' || order.status === 'processing'
          ? 'Thank you for your order'
          : 'Your order'}
      </h1>
      <p className="mt-3 text-muted">{customerStatusMessage(order.status)}</p>
      <dl className="mt-8 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-line bg-white p-5 text-sm">
        <dt className="text-muted">Order number</dt>
        <dd className="font-medium tabular-nums">{order.number}</dd>
        <dt className="text-muted">Status</dt>
        <dd className="font-medium" data-testid="order-status">
          {ORDER_STATUS_LABELS[order.status]}
        </dd>
        {order.email ? (
          <>
            <dt className="text-muted">Email</dt>
            <dd>{order.email}</dd>
          </>
        ) : null}
      </dl>
      <div className="mt-8">
        <OrderItemsTable order={order} />
      </div>
      <div className="mt-8">
        <OrderShippingBilling order={order} invoice={invoiceHrefs(order, { signed: true })} />
      </div>
      <div className="mt-10 flex flex-wrap gap-x-6 gap-y-2">
        {/* The same signed link the confirmation email carries: bookmarkable, no account needed. */}
        <Link
          href={orderLinkPath(order.id)}
          className="font-medium text-accent underline underline-offset-2"
        >
          View this order any time
        </Link>
        <Link href="/" className="font-medium text-accent underline underline-offset-2">
          Continue shopping
        </Link>
      </div>
    </section>
  );
}
