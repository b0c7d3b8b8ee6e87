import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OrdersTable, formatAdminTime } from '@/components/admin/orders-table';
import { Section } from '@/components/admin/section';
import { StripeId } from '@/components/admin/stripe-id';
import { findCustomerWithOrders } from '@/lib/admin/customers';
import { requireAdmin } from '@/lib/auth/auth';

export const metadata: Metadata = { title: 'Customer' };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  const found = /^[\w-]{1,64}$/.test(id) ? await findCustomerWithOrders(id) : null;
  if (!found) notFound();
  const { account, orders } = found;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold break-all">{account.email}</h1>
      <Section title="Account" id="account-heading">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted">Role</dt>
          <dd>{account.role === 'admin' ? 'Admin' : 'Customer'}</dd>
          <dt className="text-muted">Since</dt>
          <dd>{formatAdminTime(account.createdAt)}</dd>
          <dt className="text-muted">Stripe Customer</dt>
          <dd>
            <StripeId id={account.stripeCustomerId} />
          </dd>
        </dl>
      </Section>
      <OrdersTable
        rows={orders}
        caption={`Orders of ${account.email}, newest first`}
        empty="No orders yet."
      />
    </div>
  );
}
