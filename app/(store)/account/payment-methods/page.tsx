import type { Metadata } from 'next';
import { AccountShell } from '@/components/account/account-shell';
import { SavedCardActions } from '@/components/account/saved-card-actions';
import { SubmitButton } from '@/components/submit-button';
import { cardLabel, isCardAdded, listSavedCards } from '@/lib/customers/payment-methods';
import { requireCustomer } from '@/lib/customers/session';
import { addCard } from '@/lib/customers/payment-method-actions';

const OUTCOME = /^[A-Za-z ]{2,30} ending in \d{4} (is now your default card|was deleted)\.$/;

export const metadata: Metadata = { title: 'Payment methods', robots: { index: false } };

export default async function PaymentMethodsPage({
  searchParams,
}: {
  searchParams: Promise<{ added?: string | string[]; done?: string | string[] }>;
}) {
  const customer = await requireCustomer();
  const { added, done } = await searchParams;
  // Only the sentences our own actions write (see ./actions.ts), never arbitrary text from a link.
  const outcome = typeof done === 'string' && OUTCOME.test(done) ? done : null;
  const [cards, wasAdded] = await Promise.all([
    listSavedCards(customer),
    typeof added === 'string' ? isCardAdded(customer, added) : false,
  ]);
  return (
    <AccountShell email={customer.email} current="/account/payment-methods">
      <section aria-labelledby="cards-heading" className="flex max-w-2xl flex-col gap-6">
        <div>
          <h1 id="cards-heading" className="text-2xl font-semibold tracking-tight">
            Payment methods
          </h1>
          <p className="mt-2 text-sm text-muted">
            Cards are kept by Stripe, never by us. Saved cards are offered when you check out.
          </p>
        </div>
        {outcome ? (
          <p
            role="status"
            className="rounded-md border border-accent/30 bg-accent/5 px-3 py-2 text-sm text-accent-strong"
          >
            {outcome}
          </p>
        ) : null}
        {wasAdded ? (
          <p
            role="status"
            className="rounded-md border border-accent/30 bg-accent/5 px-3 py-2 text-sm text-accent-strong"
          >
            Your card was saved.
          </p>
        ) : null}
        {cards.length === 0 ? (
          <p className="text-muted">No saved cards yet.</p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-white">
            {cards.map((card) => (
              <li
                key={card.id}
                data-testid="saved-card"
                className="flex flex-wrap items-start justify-between gap-4 p-4"
              >
                <div>
                  <p className="font-medium">
                    {cardLabel(card)}
                    {card.isDefault ? (
                      <span className="ml-2 rounded-full border border-accent/40 bg-accent/5 px-2 py-0.5 text-xs font-medium text-accent-strong">
                        Default
                      </span>
                    ) : null}
                  </p>
                  <p className="text-sm text-muted">
                    Expires {String(card.expMonth).padStart(2, '0')}/{card.expYear}
                  </p>
                </div>
                <SavedCardActions
                  paymentMethodId={card.id}
                  label={cardLabel(card)}
                  isDefault={card.isDefault}
                />
              </li>
            ))}
          </ul>
        )}
        <form action={addCard}>
          <SubmitButton
            pendingLabel="Opening…"
            className="rounded-md bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong disabled:opacity-60"
          >
            Add a card
          </SubmitButton>
        </form>
      </section>
    </AccountShell>
  );
}
