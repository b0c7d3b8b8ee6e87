import type { Metadata } from 'next';
import Link from 'next/link';
import { CheckoutSettingsForm } from '@/components/admin/checkout-settings-form';
import { Section } from '@/components/admin/section';
import { ShippingRatesTable } from '@/components/admin/shipping-rates-table';
import { ShippingZoneForm } from '@/components/admin/shipping-zone-form';
import { requireAdmin } from '@/lib/auth/auth';
import { storeCurrency } from '@/lib/platform/store-settings';
import { saveCheckoutSettingsAction } from '@/lib/settings/admin-actions';
import { readCheckoutSettings } from '@/lib/settings/store-settings';
import { createShippingZoneAction } from '@/lib/shipping/admin-actions';
import { countryName } from '@/lib/shipping/countries';
import { allowedShippingCountries, listShippingZones } from '@/lib/shipping/zones';

export const metadata: Metadata = { title: 'Settings' };

const countryList = (codes: string[]) =>
  codes.map((code) => `${countryName(code)} (${code})`).join(', ');

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ deleted?: string }>;
}) {
  await requireAdmin();
  const [settings, zones, countries] = await Promise.all([
    readCheckoutSettings(),
    listShippingZones(),
    allowedShippingCountries(),
  ]);
  const currency = storeCurrency();
  const isDeleted = (await searchParams).deleted === '1';
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-semibold">Settings</h1>
      {isDeleted ? (
        <p
          role="status"
          className="rounded-md border border-accent/30 bg-accent/5 px-3 py-2 text-sm text-accent-strong"
        >
          Deleted the shipping zone and its rates.
        </p>
      ) : null}

      <Section title="Checkout" id="checkout-heading">
        <CheckoutSettingsForm action={saveCheckoutSettingsAction} settings={settings} />
      </Section>

      <Section title="Where the store ships" id="ships-to-heading">
        {countries.length === 0 ? (
          <p className="text-sm text-muted">
            Nowhere yet: no shipping zone lists a country. Add a zone below so goods that ship can
            be sent somewhere.
          </p>
        ) : (
          <p className="text-sm">
            <span className="font-medium">
              {countries.length} {countries.length === 1 ? 'country' : 'countries'}:
            </span>{' '}
            {countryList(countries)}. Checkout asks for an address in one of these.
          </p>
        )}
      </Section>

      <Section title="Shipping zones" id="zones-heading">
        <p className="text-sm text-muted">
          A cart is offered the rates of the zone its country is in: the first five active ones,
          cheapest first, in {currency.toUpperCase()}, the store&apos;s currency.
        </p>
        {zones.length === 0 ? <p className="text-sm">No shipping zones yet.</p> : null}
        <ul className="flex flex-col gap-4">
          {zones.map((zone) => (
            <li key={zone.id} className="flex min-w-0 flex-col gap-2 border-t border-line pt-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="font-medium">{zone.name}</h3>
                <Link
                  href={`/admin/settings/shipping/${zone.id}`}
                  className="text-sm underline underline-offset-2"
                >
                  Edit {zone.name} and its rates
                </Link>
              </div>
              <p className="text-sm text-muted">{countryList(zone.countries)}</p>
              <ShippingRatesTable
                caption={`Rates of ${zone.name}`}
                rates={zone.rates}
                currency={currency}
              />
            </li>
          ))}
        </ul>
        <div className="flex flex-col gap-3 border-t border-line pt-3">
          <h3 className="font-medium">New zone</h3>
          <ShippingZoneForm action={createShippingZoneAction} />
        </div>
      </Section>
    </div>
  );
}
