import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ConfirmActionForm } from '@/components/admin/confirm-action-form';
import { DisputeEvidenceForm } from '@/components/admin/dispute-evidence-form';
import { DisputeStatusBadge, disputeReason, timeLeft } from '@/components/admin/dispute-status';
import { formatAdminTime } from '@/components/admin/orders-table';
import { Section } from '@/components/admin/section';
import { StripeId } from '@/components/admin/stripe-id';
import { db } from '@/db/client';
import { requireAdmin } from '@/lib/auth/auth';
import { acceptDisputeAction, sendEvidenceAction } from '@/lib/disputes/admin-actions';
import { EVIDENCE_FIELDS, suggestedEvidence } from '@/lib/disputes/evidence';
import { findDispute, NEEDS_RESPONSE } from '@/lib/disputes/queries';
import { formatMoney } from '@/lib/money';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Dispute ${(await params).id}` };
}

export default async function DisputePage({ params }: { params: Params }) {
  await requireAdmin();
  const id = (await params).id;
  const dispute = /^(du|dp)_[A-Za-z0-9]{1,64}$/.test(id) ? await findDispute(id) : null;
  if (!dispute) notFound();
  const open = (NEEDS_RESPONSE as readonly string[]).includes(dispute.status);
  // What Stripe holds wins; the store's suggestions fill what has not been staged yet.
  const suggested = dispute.orderId ? await suggestedEvidence(db(), dispute.orderId) : {};
  const evidence = dispute.hasEvidence ? { ...suggested, ...dispute.evidence } : suggested;

  return (
    <div className="flex flex-col gap-4">
      <Link href="/admin/disputes" className="text-sm text-muted hover:underline">
        ← Disputes
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">
          Dispute of {formatMoney(dispute.amount, dispute.currency)}
        </h1>
        <DisputeStatusBadge status={dispute.status} />
      </div>

      <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted">Reason</dt>
        <dd>{disputeReason(dispute.reason)}</dd>
        <dt className="text-muted">Order</dt>
        <dd>
          {dispute.orderNumber ? (
            <Link
              href={`/admin/orders/${dispute.orderNumber}`}
              className="underline underline-offset-2"
            >
              #{dispute.orderNumber}
            </Link>
          ) : (
            'none in this store'
          )}
        </dd>
        <dt className="text-muted">Respond by</dt>
        <dd>
          {dispute.evidenceDueBy ? formatAdminTime(dispute.evidenceDueBy) : '—'}
          {open ? <strong className="ml-2">{timeLeft(dispute.evidenceDueBy)}</strong> : null}
        </dd>
        <dt className="text-muted">Evidence</dt>
        <dd>
          {dispute.submissionCount > 0
            ? 'submitted'
            : dispute.hasEvidence
              ? 'draft saved on Stripe, not submitted'
              : 'none yet'}
        </dd>
        <dt className="text-muted">Stripe</dt>
        <dd>
          <StripeId id={dispute.id} />
        </dd>
      </dl>

      {open ? (
        <>
          <Section title="Answer with evidence" id="evidence-heading">
            <p className="max-w-prose text-sm text-muted">
              Filled in from the order: check it, add what the bank should know, save a draft, and
              submit before the deadline. Receipts and other files can be added in Stripe’s
              Dashboard.
            </p>
            <DisputeEvidenceForm
              action={sendEvidenceAction}
              disputeId={dispute.id}
              fields={EVIDENCE_FIELDS}
              evidence={evidence}
            />
          </Section>
          <Section title="Or accept the dispute" id="accept-heading">
            <p className="max-w-prose text-sm text-muted">
              Accepting closes the dispute as lost: the customer keeps the{' '}
              {formatMoney(dispute.amount, dispute.currency)} and the dispute fee is not returned.
            </p>
            <ConfirmActionForm
              action={acceptDisputeAction}
              hidden={{ disputeId: dispute.id }}
              label="Accept dispute…"
              confirmLabel="Accept the dispute"
              pendingLabel="Accepting…"
              question={`Accept the dispute and give up ${formatMoney(dispute.amount, dispute.currency)}?`}
              danger
            />
          </Section>
        </>
      ) : (
        <Section title="Evidence sent" id="evidence-heading">
          {Object.keys(dispute.evidence).length === 0 ? (
            <p className="text-sm text-muted">No evidence was submitted.</p>
          ) : (
            <dl className="flex flex-col gap-2 text-sm">
              {EVIDENCE_FIELDS.filter((field) => dispute.evidence[field.name]).map((field) => (
                <div key={field.name}>
                  <dt className="font-medium">{field.label}</dt>
                  <dd className="whitespace-pre-wrap font-mono text-xs">
                    {dispute.evidence[field.name]}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </Section>
      )}
    </div>
  );
}
