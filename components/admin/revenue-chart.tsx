import type { DailyRevenue } from '@/lib/admin/dashboard';
import { formatMoney } from '@/lib/money';

/** Bars per day, drawn on the server as SVG; the same numbers follow as a table for screen readers. */
export function RevenueChart({ days, currency }: { days: DailyRevenue[]; currency: string }) {
  const max = Math.max(1, ...days.map((day) => day.amount));
  const width = 1000;
  const height = 160;
  const bar = width / Math.max(days.length, 1);
  const total = days.reduce((sum, day) => sum + day.amount, 0);
  return (
    <figure className="flex flex-col gap-2">
      <svg
        viewBox={`0 0 ${width} ${height + 20}`}
        className="h-auto w-full"
        role="img"
        aria-label={`Sales less refunds per day for the last ${days.length} days, ${formatMoney(total, currency)} in total`}
      >
        <line x1="0" y1={height} x2={width} y2={height} className="stroke-line" />
        {days.map((day, index) => {
          const barHeight = Math.round((day.amount / max) * (height - 10));
          return (
            <rect
              key={day.day}
              x={index * bar + 2}
              y={height - barHeight}
              width={Math.max(bar - 4, 1)}
              height={barHeight}
              className="fill-accent"
            >
              <title>{`${day.day}: ${formatMoney(day.amount, currency)}`}</title>
            </rect>
          );
        })}
        <text x="0" y={height + 16} className="fill-muted text-[11px]">
          {days[0]?.day}
        </text>
        <text x={width} y={height + 16} textAnchor="end" className="fill-muted text-[11px]">
          {days.at(-1)?.day}
        </text>
      </svg>
      <figcaption className="text-xs text-muted">
        Sales less refunds per day (UTC), {currency.toUpperCase()}; highest day{' '}
        {formatMoney(max === 1 ? 0 : max, currency)}.
      </figcaption>
      <table className="sr-only">
        <caption>Sales less refunds per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <td>{day.day}</td>
              <td>{formatMoney(day.amount, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
