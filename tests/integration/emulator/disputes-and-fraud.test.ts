import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { caught, clientFor, control, payOnHostedPage, sessionParams } from './emulator-harness';

// Answering disputes with evidence, Stripe's test-mode evidence outcomes, conceding, and Radar's
// early fraud warnings, all through the unmodified SDK.

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  stripe = clientFor(emulator);
});
afterAll(() => emulator.stop());

const DAY = 24 * 60 * 60;

/** A $10 charge with `paymentMethod`, and the dispute it opened (if any). */
async function chargeWith(paymentMethod: string) {
  const intent = await stripe.paymentIntents.create({
    amount: 1000,
    currency: 'usd',
    payment_method: paymentMethod,
    confirm: true,
  });
  const { data } = await stripe.disputes.list({ payment_intent: intent.id });
  return { intent, chargeId: String(intent.latest_charge), dispute: data[0] };
}

async function disputed(): Promise<Stripe.Dispute> {
  const { dispute } = await chargeWith('pm_card_createDispute');
  if (!dispute) throw new Error('the dispute card opened no dispute');
  return dispute;
}

async function eventsFor(type: Stripe.Event['type'], objectId: string): Promise<Stripe.Event[]> {
  const { data } = await stripe.events.list({ type, limit: 100 });
  return data.filter((event) => (event.data.object as { id: string }).id === objectId);
}

/** Polls, as a store would, until the issuer has decided the dispute. */
async function decidedStatus(id: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const { status } = await stripe.disputes.retrieve(id);
    if (status !== 'under_review') return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`dispute ${id} was never decided`);
}

describe('a new dispute', () => {
  it('carries every evidence field empty and a response window of 7 days from its creation', async () => {
    const dispute = await disputed();
    expect(Object.keys(dispute.evidence)).toEqual(
      expect.arrayContaining(['uncategorized_text', 'receipt', 'shipping_tracking_number']),
    );
    for (const [field, value] of Object.entries(dispute.evidence)) {
      if (field !== 'enhanced_evidence') expect(value, field).toBeNull();
    }
    expect(dispute.evidence_details).toMatchObject({
      due_by: dispute.created + 7 * DAY,
      has_evidence: false,
      past_due: false,
      submission_count: 0,
    });
    expect(dispute.enhanced_eligibility_types).toEqual([]);
    expect(dispute.is_charge_refundable).toBe(false);
    expect(dispute.balance_transactions).toHaveLength(1);
  });
});

describe('answering a dispute with evidence', () => {
  it('submit=false stages the evidence: fields and has_evidence set, still needs_response, charge.dispute.updated', async () => {
    const dispute = await disputed();
    const staged = await stripe.disputes.update(dispute.id, {
      evidence: { customer_name: 'Ada Lovelace', product_description: 'Enamel mug' },
      metadata: { order_id: '42' },
      submit: false,
    });
    expect(staged).toMatchObject({
      status: 'needs_response',
      metadata: { order_id: '42' },
      evidence: { customer_name: 'Ada Lovelace', product_description: 'Enamel mug', receipt: null },
      evidence_details: { has_evidence: true, submission_count: 0 },
    });
    const [updated] = await eventsFor('charge.dispute.updated', dispute.id);
    expect(updated?.data.previous_attributes).toMatchObject({
      evidence: { customer_name: null, product_description: null },
      evidence_details: { has_evidence: false },
      metadata: {},
    });
    expect(updated?.data.previous_attributes).not.toHaveProperty('status');
  });

  it('submitting moves needs_response to under_review, counts the submission, and only once', async () => {
    const dispute = await disputed();
    await stripe.disputes.update(dispute.id, {
      evidence: { uncategorized_text: 'Delivered to the billing address.' },
      submit: false,
    });
    // Submitting what was staged: submit defaults to true.
    const submitted = await stripe.disputes.update(dispute.id, {});
    expect(submitted.status).toBe('under_review');
    expect(submitted.evidence_details).toMatchObject({
      submission_count: 1,
      submission_method: 'manual',
      has_evidence: true,
    });
    const updates = await eventsFor('charge.dispute.updated', dispute.id);
    expect(updates[0]?.data.previous_attributes).toMatchObject({ status: 'needs_response' });

    const again = await caught(
      stripe.disputes.update(dispute.id, { evidence: { customer_name: 'Ada' } }),
    );
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again.statusCode).toBe(400);
    // Metadata still changes while the issuer reviews, and submits nothing a second time.
    const noted = await stripe.disputes.update(dispute.id, { metadata: { note: 'submitted' } });
    expect(noted).toMatchObject({
      status: 'under_review',
      metadata: { note: 'submitted' },
      evidence_details: { submission_count: 1 },
    });
  });

  it('ordinary evidence stays under_review until the control API decides', async () => {
    const dispute = await disputed();
    await stripe.disputes.update(dispute.id, {
      evidence: { uncategorized_text: 'The customer signed for it.' },
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe('under_review');
    await control(emulator, 'POST', `/disputes/${dispute.id}/close`, { status: 'won' });
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe('won');
  });

  it('a metadata-only update changes metadata and submits nothing', async () => {
    const dispute = await disputed();
    const updated = await stripe.disputes.update(dispute.id, { metadata: { note: 'call them' } });
    expect(updated).toMatchObject({
      status: 'needs_response',
      metadata: { note: 'call them' },
      evidence_details: { submission_count: 0, has_evidence: false },
    });
  });

  it('an inquiry with evidence moves to warning_under_review', async () => {
    const { dispute } = await chargeWith('pm_card_createDisputeInquiry');
    const submitted = await stripe.disputes.update(String(dispute?.id), {
      evidence: { customer_email_address: 'ada@example.com' },
    });
    expect(submitted.status).toBe('warning_under_review');
  });
});

describe("Stripe's test evidence", () => {
  it('"winning_evidence" closes the dispute as won a moment later and reinstates the funds', async () => {
    const dispute = await disputed();
    const submitted = await stripe.disputes.update(dispute.id, {
      evidence: { uncategorized_text: 'winning_evidence' },
    });
    expect(submitted.status).toBe('under_review');
    expect(await decidedStatus(dispute.id)).toBe('won');

    const [closed] = await eventsFor('charge.dispute.closed', dispute.id);
    expect(closed?.request).toEqual({ id: null, idempotency_key: null });
    const [reinstated] = await eventsFor('charge.dispute.funds_reinstated', dispute.id);
    const transactions = (reinstated?.data.object as Stripe.Dispute).balance_transactions;
    expect(transactions).toHaveLength(2);
    expect(transactions[1]).toMatchObject({
      amount: 1000,
      reporting_category: 'dispute_reversal',
      source: dispute.id,
    });
    const reversal = await stripe.balanceTransactions.retrieve(transactions[1]!.id);
    expect(reversal.net).toBe(1000);
  });

  it('"losing_evidence" closes the dispute as lost and nothing comes back', async () => {
    const dispute = await disputed();
    await stripe.disputes.update(dispute.id, {
      evidence: { uncategorized_text: 'losing_evidence' },
    });
    expect(await decidedStatus(dispute.id)).toBe('lost');
    expect(await eventsFor('charge.dispute.closed', dispute.id)).toHaveLength(1);
    expect(await eventsFor('charge.dispute.funds_reinstated', dispute.id)).toHaveLength(0);
    expect((await stripe.disputes.retrieve(dispute.id)).balance_transactions).toHaveLength(1);
  });

  it('staged test evidence decides nothing until it is submitted', async () => {
    const dispute = await disputed();
    await stripe.disputes.update(dispute.id, {
      evidence: { uncategorized_text: 'winning_evidence' },
      submit: false,
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe('needs_response');
  });
});

describe('conceding and refusals', () => {
  it('closing concedes: lost, charge.dispute.closed, and the dispute takes no more evidence', async () => {
    const dispute = await disputed();
    const conceded = await stripe.disputes.close(dispute.id);
    expect(conceded.status).toBe('lost');
    expect(await eventsFor('charge.dispute.closed', dispute.id)).toHaveLength(1);
    const refused = await caught(
      stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: 'winning_evidence' } }),
    );
    expect(refused).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(refused.message).toMatch(/already closed/);
  });

  it('an unknown evidence field is refused by its bracket path', async () => {
    const dispute = await disputed();
    const refused = await caught(
      stripe.disputes.update(dispute.id, { evidence: { colour: 'blue' } as never }),
    );
    expect(refused).toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      param: 'evidence[colour]',
      code: 'parameter_unknown',
      message: 'Received unknown parameter: evidence[colour]',
    });
    expect((await stripe.disputes.retrieve(dispute.id)).evidence_details.has_evidence).toBe(false);
  });

  it('a file field takes only a file id', async () => {
    const dispute = await disputed();
    const refused = await caught(
      stripe.disputes.update(dispute.id, { evidence: { receipt: 'the receipt' } }),
    );
    expect(refused).toMatchObject({ statusCode: 404, param: 'evidence[receipt]' });
    const staged = await stripe.disputes.update(dispute.id, {
      evidence: { receipt: 'file_1Receipt' },
      submit: false,
    });
    expect(staged.evidence.receipt).toBe('file_1Receipt');
  });

  it('after due_by the dispute takes no evidence', async () => {
    const { chargeId } = await chargeWith('pm_card_visa');
    const late = await control<Stripe.Dispute>(emulator, 'POST', `/charges/${chargeId}/dispute`, {
      evidence_due_by: Math.floor(Date.now() / 1000) - 60,
    });
    const refused = await caught(
      stripe.disputes.update(late.id, { evidence: { customer_name: 'Ada' } }),
    );
    expect(refused).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(refused.message).toMatch(/deadline/);
    expect((await stripe.disputes.retrieve(late.id)).status).toBe('needs_response');
  });
});

describe('listing disputes', () => {
  it('filters by charge, payment_intent and created', async () => {
    const { intent, chargeId, dispute } = await chargeWith('pm_card_createDispute');
    expect((await stripe.disputes.list({ charge: chargeId })).data.map((d) => d.id)).toEqual([
      dispute?.id,
    ]);
    expect((await stripe.disputes.list({ payment_intent: intent.id })).data).toHaveLength(1);
    const future = await stripe.disputes.list({ created: { gt: Number(dispute?.created) + DAY } });
    expect(future.data).toHaveLength(0);
    const missing = await caught(stripe.disputes.retrieve('dp_missing'));
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });
});

describe('early fraud warnings', () => {
  async function paidWithWarningCard() {
    const session = await stripe.checkout.sessions.create(sessionParams());
    expect((await payOnHostedPage(session, '4000 0000 0000 5423')).status).toBe(303);
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    const intent = await stripe.paymentIntents.retrieve(String(paid.payment_intent));
    return { intent, chargeId: String(intent.latest_charge) };
  }

  it('card 5423 succeeds, then an actionable warning arrives (radar.early_fraud_warning.created)', async () => {
    const { intent, chargeId } = await paidWithWarningCard();
    expect(intent.status).toBe('succeeded');
    const { data } = await stripe.radar.earlyFraudWarnings.list({ payment_intent: intent.id });
    expect(data).toHaveLength(1);
    const warning = data[0]!;
    expect(warning).toMatchObject({
      object: 'radar.early_fraud_warning',
      actionable: true,
      charge: chargeId,
      payment_intent: intent.id,
      fraud_type: 'made_with_stolen_card',
      livemode: false,
    });
    expect(warning.id).toMatch(/^issfr_/);
    expect(await eventsFor('radar.early_fraud_warning.created', warning.id)).toHaveLength(1);

    const expanded = await stripe.radar.earlyFraudWarnings.retrieve(warning.id, {
      expand: ['charge', 'payment_intent'],
    });
    expect((expanded.charge as Stripe.Charge).id).toBe(chargeId);
    expect((expanded.payment_intent as Stripe.PaymentIntent).id).toBe(intent.id);
    // An ordinary card gets no warning.
    const { intent: plain } = await chargeWith('pm_card_visa');
    const none = await stripe.radar.earlyFraudWarnings.list({ payment_intent: plain.id });
    expect(none.data).toHaveLength(0);
  });

  it('a partial refund leaves the warning actionable; refunding the rest ends it (radar.early_fraud_warning.updated)', async () => {
    const { chargeId } = await paidWithWarningCard();
    const [warning] = (await stripe.radar.earlyFraudWarnings.list({ charge: chargeId })).data;
    await stripe.refunds.create({ charge: chargeId, amount: 1000 });
    expect((await stripe.radar.earlyFraudWarnings.retrieve(warning!.id)).actionable).toBe(true);
    await stripe.refunds.create({ charge: chargeId });
    expect((await stripe.radar.earlyFraudWarnings.retrieve(warning!.id)).actionable).toBe(false);
    const updates = await eventsFor('radar.early_fraud_warning.updated', warning!.id);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.data.previous_attributes).toEqual({ actionable: true });
  });

  it('a dispute on the charge ends the warning', async () => {
    const { chargeId } = await paidWithWarningCard();
    const [warning] = (await stripe.radar.earlyFraudWarnings.list({ charge: chargeId })).data;
    await control(emulator, 'POST', `/charges/${chargeId}/dispute`, {});
    expect((await stripe.radar.earlyFraudWarnings.retrieve(warning!.id)).actionable).toBe(false);
    expect(await eventsFor('radar.early_fraud_warning.updated', warning!.id)).toHaveLength(1);
  });

  it('the control API raises a warning on any charge; lists filter by created; unknown ids are 404', async () => {
    const { chargeId } = await chargeWith('pm_card_visa');
    const raised = await control<Stripe.Radar.EarlyFraudWarning>(
      emulator,
      'POST',
      `/charges/${chargeId}/early-fraud-warning`,
      { fraud_type: 'made_with_lost_card' },
    );
    expect(raised).toMatchObject({ charge: chargeId, fraud_type: 'made_with_lost_card' });
    const since = await stripe.radar.earlyFraudWarnings.list({
      created: { gte: raised.created },
      limit: 100,
    });
    expect(since.data.map((warning) => warning.id)).toContain(raised.id);
    const later = await stripe.radar.earlyFraudWarnings.list({
      created: { gt: raised.created + DAY },
    });
    expect(later.data).toHaveLength(0);
    const missing = await caught(stripe.radar.earlyFraudWarnings.retrieve('issfr_missing'));
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });
});
