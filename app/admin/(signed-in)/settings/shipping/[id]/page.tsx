import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ConfirmActionForm } from '@/components/admin/confirm-action-form';
import { Section } from '@/components/admin/section';
import { ShippingRateForm } from '@/components/admin/shipping-rate-form';
import { ShippingRatesTable } from '@/components/admin/shipping-rates-table';
import { ShippingZoneForm } from '@/components/admin/shipping-zone-form';
import { requireAdmin } from '@/lib/auth/auth';
import { storeCurrency } from '@/lib/platform/store-settings';
import {
  createShippingRateAction,
  deleteShippingRateAction,
  deleteShippingZoneAction,
  setShippingRateActiveAction,
  updateShippingRateAction,
  updateShippingZoneAction,
} from '@/lib/shipping/admin-actions';
import { MAX_SHIPPING_OPTIONS } from '@/lib/shipping/rates';
import { findShippingZone } from '@/lib/shipping/zones';

export const metadata: Metadata = { title: 'Shipping zone' };

export default async function ShippingZonePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  await requireAdmin();
  const zone = await findShippingZone((await params).id);
  if (!zone) notFound();
  const isNew = (await searchParams).created === '1';
  const currency = storeCurrency();
  const offered = zone.rates.filter((rate) => rate.active && rate.currency === currency).length;
  return (
    <div className="flex flex-col gap-6">
      <Link href="/admin/settings" className="text-sm text-muted hover:underline">
        ← Settings
      </Link>
      <h1 className="text-xl font-semibold">Shipping zone: {zone.name}</h1>
      {isNew ? (
        <p
          role="status"
          className="rounded-md border border-accent/30 bg-accent/5 px-3 py-2 text-sm text-accent-strong"
        >
          Created {zone.name}. Add its rates below.
        </p>
      ) : null}

      <Section title="Zone" id="zone-heading">
        <ShippingZoneForm action={updateShippingZoneAction} zone={zone} />
      </Section>

      <Section title="Rates" id="rates-heading">
        <ShippingRatesTable
          caption={`Rates of ${zone.name}`}
          rates={zone.rates}
          currency={currency}
        />
        {offered > MAX_SHIPPING_OPTIONS ? (
          <p className="text-sm text-warn">
            Stripe shows at most {MAX_SHIPPING_OPTIONS} shipping options: only the first{' '}
            {MAX_SHIPPING_OPTIONS} active rates in this list are offered.
          </p>
        ) : null}
        <ul className="flex flex-col gap-3">
          {zone.rates.map((rate) => (
            <li key={rate.id} className="rounded-md border border-line p-3">
              <details>
                <summary className="cursor-pointer text-sm font-medium">Edit {rate.name}</summary>
                <div className="flex flex-col gap-4 pt-3">
                  {rate.currency !== currency ? (
                    <p className="text-sm text-warn">
                      This rate is priced in {rate.currency.toUpperCase()} and the store sells in{' '}
                      {currency.toUpperCase()}: enter its prices again to offer it.
                    </p>
                  ) : null}
                  <ShippingRateForm
                    action={updateShippingRateAction}
                    zoneId={zone.id}
                    rate={rate}
                    currency={currency}
                  />
                  <div className="flex flex-wrap gap-4 border-t border-line pt-3">
                    <ConfirmActionForm
                      action={setShippingRateActiveAction}
                      hidden={{ id: rate.id, active: rate.active ? 'false' : 'true' }}
                      label={rate.active ? `Turn off ${rate.name}` : `Turn on ${rate.name}`}
                      confirmLabel={rate.active ? 'Turn off' : 'Turn on'}
                      pendingLabel="Saving…"
                      question={
                        rate.active
                          ? `Stop offering ${rate.name} at checkout? It stays here to turn on again.`
                          : `Offer ${rate.name} at checkout again?`
                      }
                    />
                    <ConfirmActionForm
                      action={deleteShippingRateAction}
                      hidden={{ id: rate.id }}
                      label={`Delete ${rate.name}`}
                      confirmLabel="Delete"
                      pendingLabel="Deleting…"
                      question={`Delete ${rate.name}? Orders already placed keep the rate they were charged.`}
                      danger
                    />
                  </div>
                </div>
              </details>
            </li>
          ))}
        </ul>
      </Section>

      <Section title="Add a rate" id="add-rate-heading">
        <ShippingRateForm action={createShippingRateAction} zoneId={zone.id} currency={currency} />
      </Section>

      <Section title="Delete zone" id="delete-zone-heading">
        <p className="text-sm text-muted">
          Deleting {zone.name} deletes its rates: the store stops shipping to its countries. Orders
          already placed keep their shipping.
        </p>
        <ConfirmActionForm
          action={deleteShippingZoneAction}
          hidden={{ id: zone.id }}
          label={`Delete ${zone.name}`}
          confirmLabel="Delete zone"
          pendingLabel="Deleting…"
          question={`Delete ${zone.name} and its ${zone.rates.length} ${zone.rates.length === 1 ? 'rate' : 'rates'}?`}
          danger
        />
      </Section>
    </div>
  );
}
