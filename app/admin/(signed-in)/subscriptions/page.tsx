import type { Metadata } from 'next';
import { DataTable, EmptyRow } from '@/components/admin/data-table';
import { StripeId } from '@/components/admin/stripe-id';
import { InvoiceList, SubscriptionSummary } from '@/components/subscription-summary';
import { requireAdmin } from '@/lib/auth/auth';
import { allSubscriptions } from '@/lib/subscriptions/queries';

export const metadata: Metadata = { title: 'Subscriptions' };

export default async function AdminSubscriptionsPage() {
  await requireAdmin();
  const subscriptions = await allSubscriptions();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Subscriptions</h1>
      <DataTable caption="Subscriptions, newest first">
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Product</th>
            <th scope="col">Status</th>
            <th scope="col">Invoices</th>
            <th scope="col">Stripe</th>
          </tr>
        </thead>
        <tbody>
          {subscriptions.length === 0 ? (
            <EmptyRow columns={5}>No subscriptions yet.</EmptyRow>
          ) : null}
          {subscriptions.map((subscription) => (
            <tr key={subscription.id} className="align-top">
              <td>{subscription.email ?? '—'}</td>
              <td>{subscription.name ?? '—'}</td>
              <td>
                <SubscriptionSummary subscription={subscription} />
              </td>
              <td className="min-w-64">
                <InvoiceList invoices={subscription.invoices} />
              </td>
              <td>
                <StripeId id={subscription.stripeSubscriptionId} />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
