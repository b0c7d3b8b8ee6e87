import type { Metadata } from 'next';
import Link from 'next/link';
import { RefreshWhilePending } from '@/components/refresh-while-pending';
import { InvoiceList, SubscriptionSummary } from '@/components/subscription-summary';
import { requireCustomer } from '@/lib/customers/session';
import { subscriptionOfCheckoutSession } from '@/lib/subscriptions/queries';

export const metadata: Metadata = { title: 'Subscribed' };

/** Where Stripe's page returns after "Subscribe": the subscription, once its webhook has arrived. */
export default async function SubscriptionWelcomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const customer = await requireCustomer();
  const sessionId = (await searchParams).session_id;
  const subscription =
    typeof sessionId === 'string'
      ? await subscriptionOfCheckoutSession(customer.id, sessionId)
      : null;
  const isConfirmed = subscription !== null && subscription.status !== 'incomplete';
  return (
    <section aria-labelledby="welcome-heading" className="mx-auto flex max-w-xl flex-col gap-6">
      <RefreshWhilePending isPending={!isConfirmed} />
      <h1 id="welcome-heading" className="text-2xl font-semibold tracking-tight">
        {isConfirmed
          ? `You subscribed to ${subscription.name ?? 'your subscription'}`
          : 'Confirming your subscription…'}
      </h1>
      {subscription && isConfirmed ? (
        <>
          <SubscriptionSummary subscription={subscription} />
          <InvoiceList invoices={subscription.invoices} />
        </>
      ) : (
        <p className="text-muted">
          We are waiting for the payment provider to confirm it. This page updates by itself.
        </p>
      )}
      <Link href="/account/subscriptions" className="font-medium text-accent underline">
        Manage your subscriptions
      </Link>
    </section>
  );
}
