import type { Metadata } from 'next';
import Link from 'next/link';
import { AccountShell } from '@/components/account/account-shell';
import { RefreshWhilePending } from '@/components/refresh-while-pending';
import { SubscriptionActions } from '@/components/subscription-actions';
import { InvoiceList, SubscriptionSummary } from '@/components/subscription-summary';
import { requireCustomer } from '@/lib/customers/session';
import { subscriptionsOf } from '@/lib/subscriptions/queries';
import { isFinalStatus } from '@/lib/subscriptions/state';

export const metadata: Metadata = { title: 'Your subscriptions' };

export default async function AccountSubscriptionsPage() {
  const customer = await requireCustomer();
  const subscriptions = await subscriptionsOf(customer.id);
  return (
    <AccountShell email={customer.email} current="/account/subscriptions">
      <section aria-labelledby="subscriptions-heading" className="flex flex-col gap-6">
        <h1 id="subscriptions-heading" className="text-2xl font-semibold tracking-tight">
          Subscriptions
        </h1>
        <RefreshWhilePending isPending={subscriptions.some((s) => s.pendingChange !== null)} />
        {subscriptions.length === 0 ? (
          <p className="text-muted">
            You have no subscriptions.{' '}
            <Link href="/" className="text-accent underline">
              Browse the store
            </Link>
          </p>
        ) : (
          <ul className="flex flex-col gap-4">
            {subscriptions.map((subscription) => {
              const name = subscription.name ?? 'Subscription';
              const isLive = !isFinalStatus(subscription.status) && !subscription.pendingChange;
              return (
                <li key={subscription.id}>
                  <article
                    aria-labelledby={`subscription-${subscription.id}`}
                    className="flex flex-col gap-4 rounded-xl border border-line bg-white p-5"
                  >
                    <h2 id={`subscription-${subscription.id}`} className="text-lg font-medium">
                      {name}
                    </h2>
                    <SubscriptionSummary subscription={subscription} />
                    <SubscriptionActions
                      subscriptionId={subscription.id}
                      name={name}
                      canCancel={isLive && !subscription.cancelAtPeriodEnd}
                      canResume={isLive && subscription.cancelAtPeriodEnd}
                    />
                    <div>
                      <h3 className="mb-1 text-sm font-medium">Invoices</h3>
                      <InvoiceList invoices={subscription.invoices} />
                    </div>
                  </article>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </AccountShell>
  );
}
