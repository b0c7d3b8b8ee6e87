import { formatMoney } from '@/lib/money';

/**
 * The amount, Stripe's fee and the net of a balance movement: the three columns every balance
 * table shows (an activity row, a payout's or an order's transactions, a total), in one place.
 */
export function MoneyColumnsHead() {
  return (
    <>
      <th scope="col" className="!text-right">
        Amount
      </th>
      <th scope="col" className="!text-right">
        Fee
      </th>
      <th scope="col" className="!text-right">
        Net
      </th>
    </>
  );
}

export function MoneyColumns({
  amount,
  fee,
  net,
  currency,
}: {
  amount: number;
  fee: number;
  net: number;
  currency: string;
}) {
  return (
    <>
      {[amount, fee, net].map((value, index) => (
        <td key={index} className="whitespace-nowrap text-right tabular-nums">
          {formatMoney(value, currency)}
        </td>
      ))}
    </>
  );
}
