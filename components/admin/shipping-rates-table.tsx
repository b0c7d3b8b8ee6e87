import type { ShippingRate } from '@/db/schema';
import { formatMoney } from '@/lib/money';
import { deliveryEstimateLabel } from '@/lib/shipping/rates';
import { Badge } from './badge';
import { DataTable, EmptyRow } from './data-table';

/** A zone's rates as the admin reads them: price, free-over threshold, estimate, whether offered. */
export function ShippingRatesTable({
  caption,
  rates,
  currency,
}: {
  caption: string;
  rates: ShippingRate[];
  /** The store's currency: a rate priced in another one is never offered. */
  currency: string;
}) {
  return (
    <DataTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">Rate</th>
          <th scope="col" className="!text-right">
            Price
          </th>
          <th scope="col" className="!text-right">
            Free over
          </th>
          <th scope="col">Delivery</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {rates.length === 0 ? (
          <EmptyRow columns={5}>No rates yet: carts sent here are offered no shipping.</EmptyRow>
        ) : null}
        {rates.map((rate) => (
          <tr key={rate.id}>
            <td className="font-medium">{rate.name}</td>
            <td className="text-right tabular-nums">
              {rate.amount === 0 ? 'Free' : formatMoney(rate.amount, rate.currency)}
            </td>
            <td className="text-right tabular-nums">
              {rate.freeOverAmount === null ? '—' : formatMoney(rate.freeOverAmount, rate.currency)}
            </td>
            <td>{deliveryEstimateLabel(rate.minDays, rate.maxDays) ?? '—'}</td>
            <td>
              {rate.currency !== currency ? (
                <Badge tone="warn">Not offered: priced in {rate.currency.toUpperCase()}</Badge>
              ) : rate.active ? (
                <Badge tone="good">Offered</Badge>
              ) : (
                <Badge tone="neutral">Off</Badge>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
