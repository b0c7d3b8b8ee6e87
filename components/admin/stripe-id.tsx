import { stripeDashboardUrl } from '@/lib/admin/order-detail';

/** A Stripe object id, linked to Stripe's Dashboard when the keys are real (not the emulator). */
export function StripeId({ id }: { id: string | null }) {
  if (!id) return <span className="text-muted">—</span>;
  const url = stripeDashboardUrl(id);
  return url ? (
    <a
      href={url}
      target="_blank"
      rel="noreferrer"
      className="break-all font-mono text-xs underline underline-offset-2"
    >
      {id}
      <span className="sr-only"> (opens Stripe Dashboard)</span>
    </a>
  ) : (
    <span className="break-all font-mono text-xs">{id}</span>
  );
}
