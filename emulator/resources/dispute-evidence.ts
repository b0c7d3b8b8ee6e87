// POST /v1/disputes/:id: the merchant answers a dispute with evidence (docs.stripe.com/api/disputes/update,
// docs.stripe.com/disputes/api). `submit=false` stages the evidence ("visible in the API and
// Dashboard"); `submit=true`, the default, sends it to the issuer and the dispute waits for their
// decision (needs_response → under_review, warning_needs_response → warning_under_review).
import type Stripe from 'stripe';
import { AUTOMATIC, type EmulatorContext } from '../context';
import { invalidRequest, resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import type { FormValue } from '../http/form-decoding';
import { boolean, metadata, object, parseParams, string, type Rule } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { previousAttributes, snapshot } from '../previous-attributes';
import { closeDispute, findDispute, isClosed } from './disputes';
import { mergedMetadata } from './metadata-update';

type EvidenceField = Exclude<keyof Stripe.Dispute.Evidence, 'enhanced_evidence' | 'appeal'>;

// Fields the reference types as "ID of a file upload"; every other field is free text.
const FILE_FIELDS: readonly EvidenceField[] = [
  'cancellation_policy',
  'customer_communication',
  'customer_signature',
  'duplicate_charge_documentation',
  'receipt',
  'refund_policy',
  'service_documentation',
  'shipping_documentation',
  'uncategorized_file',
];

const TEXT_FIELDS: readonly EvidenceField[] = [
  'access_activity_log',
  'billing_address',
  'cancellation_policy_disclosure',
  'cancellation_rebuttal',
  'customer_email_address',
  'customer_name',
  'customer_purchase_ip',
  'duplicate_charge_explanation',
  'duplicate_charge_id',
  'product_description',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'service_date',
  'shipping_address',
  'shipping_carrier',
  'shipping_date',
  'shipping_tracking_number',
  'uncategorized_text',
];

// "The combined character count of all fields is limited to 150,000" (docs.stripe.com/api/disputes/update).
const MAX_EVIDENCE_CHARACTERS = 150_000;

/**
 * Stripe's test-mode evidence (docs.stripe.com/testing#evidence, as quoted by public repositories):
 * `uncategorized_text` "winning_evidence" closes the dispute as won, "losing_evidence" as lost.
 */
export const TEST_EVIDENCE = { winning_evidence: 'won', losing_evidence: 'lost' } as const;

// UNCONFIRMED: Stripe's docs do not say how long the test decision takes; it arrives
// asynchronously after the update's response, so the emulator decides this much later.
export const TEST_DECISION_DELAY_MS = 300;

const INTENDED_SUBMISSION_METHODS: readonly Stripe.DisputeUpdateParams.IntendedSubmissionMethod[] =
  ['manual', 'prefer_manual', 'prefer_smart_disputes', 'smart_disputes'];

const updateRules: Record<string, Rule> = {
  evidence: object(
    Object.fromEntries([...TEXT_FIELDS, ...FILE_FIELDS].map((field) => [field, string()])),
  ),
  metadata: metadata(),
  submit: boolean(),
  intended_submission_method: string({ oneOf: INTENDED_SUBMISSION_METHODS }),
};

interface DisputeUpdateParams {
  evidence?: Partial<Record<EvidenceField, string>>;
  metadata?: Record<string, string>;
  submit?: boolean;
  intended_submission_method?: Stripe.DisputeUpdateParams.IntendedSubmissionMethod;
  expand?: string[];
}

export function disputeEvidenceRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/v1\/disputes\/([^/]+)$/,
      handle: (call) => update(ctx, call),
    },
  ];
}

function update(ctx: EmulatorContext, call: ApiCall): Stripe.Dispute {
  const params = parseParams<DisputeUpdateParams>(updateRules, call.params);
  const dispute = findDispute(ctx, idAt(call));
  if (isClosed(dispute)) {
    throw invalidRequest(
      `This dispute is already closed (${dispute.status}); it can no longer be updated.`,
    );
  }
  const evidence = params.evidence
    ? evidenceWith(dispute.evidence, params.evidence, call.params.evidence)
    : undefined;
  // UNCONFIRMED: a request without evidence submits only evidence staged and not yet submitted,
  // so that a metadata-only update (submit defaults to true) sends nothing to the issuer.
  const submitting =
    params.submit !== false &&
    (evidence !== undefined ||
      (dispute.evidence_details.has_evidence && isAwaitingResponse(dispute)));
  if (evidence !== undefined || submitting) assertAcceptsEvidence(ctx, dispute);

  const before = snapshot(dispute);
  if (evidence) {
    dispute.evidence = evidence;
    // "Whether evidence has been staged for this dispute" (the field's definition).
    dispute.evidence_details.has_evidence = [...TEXT_FIELDS, ...FILE_FIELDS].some(
      (field) => evidence[field] !== null,
    );
  }
  dispute.metadata = mergedMetadata(dispute.metadata, params.metadata, call.params.metadata);
  if (params.intended_submission_method !== undefined) {
    dispute.intended_submission_method = params.intended_submission_method;
  }
  if (submitting) {
    dispute.status =
      dispute.status === 'warning_needs_response' ? 'warning_under_review' : 'under_review';
    dispute.evidence_details.submission_count += 1;
    dispute.evidence_details.submission_method = 'manual';
  }
  const previous = previousAttributes(before, dispute);
  if (Object.keys(previous).length > 0) {
    ctx.emit('charge.dispute.updated', dispute, call.origin, previous);
  }
  if (submitting) decideTestEvidenceLater(ctx, dispute);
  return expand(ctx.state, dispute, params.expand);
}

/** The dispute's evidence with the fields sent set; a field sent empty (`evidence[x]=`) is cleared. */
function evidenceWith(
  current: Stripe.Dispute.Evidence,
  sent: Partial<Record<EvidenceField, string>>,
  raw: FormValue | undefined,
): Stripe.Dispute.Evidence {
  const next: Stripe.Dispute.Evidence = { ...current };
  for (const [field, value] of Object.entries(sent) as [EvidenceField, string][]) {
    // The emulator has no Files API: a file field takes any `file_...` id, stored as sent.
    if (FILE_FIELDS.includes(field) && !value.startsWith('file_')) {
      throw resourceMissing('file upload', value, `evidence[${field}]`);
    }
    next[field] = value;
  }
  if (raw !== undefined && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [field, value] of Object.entries(raw)) {
      if (value === '') next[field as EvidenceField] = null;
    }
  }
  const characters = TEXT_FIELDS.reduce((sum, field) => {
    const value = next[field];
    return sum + (typeof value === 'string' ? value.length : 0);
  }, 0);
  if (characters > MAX_EVIDENCE_CHARACTERS) {
    throw invalidRequest(
      `The combined character count of all evidence fields is limited to ${MAX_EVIDENCE_CHARACTERS}, but ${characters} were provided.`,
      'evidence',
    );
  }
  return next;
}

function isAwaitingResponse(dispute: Stripe.Dispute): boolean {
  return dispute.status === 'needs_response' || dispute.status === 'warning_needs_response';
}

/** Evidence is taken only while the dispute awaits a response, and only until `due_by`. */
function assertAcceptsEvidence(ctx: EmulatorContext, dispute: Stripe.Dispute): void {
  // UNCONFIRMED wording: "Typically, you may only submit evidence once" (evidence_details.submission_count).
  if (!isAwaitingResponse(dispute)) {
    throw invalidRequest(
      `Evidence for dispute ${dispute.id} has already been submitted (status ${dispute.status}); it can no longer be changed.`,
      'evidence',
    );
  }
  const dueBy = dispute.evidence_details.due_by;
  // UNCONFIRMED wording: Stripe refuses evidence once the response window has closed.
  if (dueBy !== null && ctx.clock.now() > dueBy) {
    throw invalidRequest(
      `The deadline for responding to dispute ${dispute.id} passed at ${dueBy}; evidence can no longer be submitted.`,
      'evidence',
    );
  }
}

/**
 * Submitted test evidence decides a chargeback a moment later, as the issuer would: won (the
 * funds come back, charge.dispute.funds_reinstated) or lost. Any other evidence, and every
 * inquiry (UNCONFIRMED), waits for POST /_emulator/disputes/:id/close.
 */
function decideTestEvidenceLater(ctx: EmulatorContext, dispute: Stripe.Dispute): void {
  const text = dispute.evidence.uncategorized_text;
  if (
    dispute.status !== 'under_review' ||
    (text !== 'winning_evidence' && text !== 'losing_evidence')
  )
    return;
  const outcome = TEST_EVIDENCE[text];
  ctx.defer(() => {
    // A reset or a control close may have happened in the meantime.
    if (ctx.state.disputes.get(dispute.id) !== dispute || dispute.status !== 'under_review') return;
    // The issuer's decision is caused by no API request: request.id is null.
    closeDispute(ctx, dispute, outcome, AUTOMATIC);
  }, TEST_DECISION_DELAY_MS);
}
