import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLog, disputes, earlyFraudWarnings, orderEvents, orders, refunds } from '@/db/schema';
import { suggestedEvidence } from '@/lib/disputes/evidence';
import { acceptDispute, refundFraudWarning, sendEvidence } from '@/lib/disputes/operations';
import {
  eventually,
  paidOrder,
  CARDS,
  startPaymentsHarness,
  waitForOrder,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';

const ADMIN = { email: 'admin@shopfront.test', ip: '203.0.113.5' };
/** Stripe's early-fraud-warning test card (emulator/README.md). */
const FRAUD_WARNING_CARD = '4000000000005423';

let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness();
});
afterAll(() => harness.stop());

async function disputedOrder() {
  const { order } = await paidOrder(CARDS.dispute, 'paid', { email: 'ada@example.com' });
  await waitForOrder(order.id, (o) => o.disputeStatus === 'needs_response', 'disputed');
  const [dispute] = await db().select().from(disputes).where(eq(disputes.orderId, order.id));
  return { order, dispute: dispute! };
}

async function disputeNow(id: string) {
  const [row] = await db().select().from(disputes).where(eq(disputes.id, id));
  return row!;
}

function auditOf(id: string) {
  return db().select().from(auditLog).where(eq(auditLog.targetId, id));
}

describe('answering a dispute', () => {
  it('the suggested evidence names the customer, what was bought, when, what they were sent and the order’s history, and Stripe takes it as it is', async () => {
    const { order, dispute } = await disputedOrder();
    const evidence = await suggestedEvidence(db(), order.id);
    expect(evidence.customer_email_address).toBe('ada@example.com');
    expect(evidence.product_description).toMatch(/2 × Stoneware bowl/);
    expect(evidence.service_date).toBe(order.paidAt!.toISOString().slice(0, 10));
    expect(evidence.uncategorized_text).toContain(`Order ${order.number}`);
    expect(evidence.uncategorized_text).toMatch(/dispute updated/);
    expect(evidence.uncategorized_text).toContain('Order confirmation emailed to ada@example.com');
    expect(evidence.uncategorized_text).toContain(`order ${order.number} confirmed`);

    expect(await sendEvidence(dispute.id, evidence, { submit: false, actor: ADMIN })).toMatchObject(
      { ok: true },
    );
    expect((await harness.sdk.disputes.retrieve(dispute.id)).evidence.product_description).toBe(
      evidence.product_description,
    );
  });

  it('a shipped order answers with its proof of delivery: address, carrier, tracking number and date, which Stripe accepts', async () => {
    const { order, dispute } = await disputedOrder();
    const shippedAt = new Date('2026-11-20T10:00:00Z');
    await db()
      .update(orders)
      .set({
        fulfilmentStatus: 'shipped',
        shippingName: 'Ada Lovelace',
        shippingAddress: {
          line1: '12 St James Square',
          line2: null,
          city: 'London',
          state: null,
          postal_code: 'SW1Y 4JH',
          country: 'GB',
        },
        shippingCarrier: 'Royal Mail',
        trackingNumber: 'AB123456789GB',
        shippedAt,
      })
      .where(eq(orders.id, order.id));

    const evidence = await suggestedEvidence(db(), order.id);
    expect(evidence.shipping_address).toBe(
      'Ada Lovelace\n12 St James Square\nLondon, SW1Y 4JH\nUnited Kingdom',
    );
    expect(evidence.shipping_carrier).toBe('Royal Mail');
    expect(evidence.shipping_tracking_number).toBe('AB123456789GB');
    expect(evidence.shipping_date).toBe('2026-11-20');

    expect(await sendEvidence(dispute.id, evidence, { submit: false, actor: ADMIN })).toMatchObject(
      { ok: true },
    );
    const staged = (await harness.sdk.disputes.retrieve(dispute.id)).evidence;
    expect(staged.shipping_tracking_number).toBe('AB123456789GB');
    expect(staged.shipping_address).toBe(evidence.shipping_address);
  });

  it('an order with nothing shipped leaves the shipping fields empty', async () => {
    const { order } = await paidOrder(CARDS.visa, 'paid');
    const evidence = await suggestedEvidence(db(), order.id);
    expect(evidence.shipping_address).toBeNull();
    expect(evidence.shipping_tracking_number).toBeNull();
  });

  it('a draft is staged on Stripe and can be changed; submitting winning evidence wins it, with its money back', async () => {
    const { order, dispute } = await disputedOrder();

    const staged = await sendEvidence(
      dispute.id,
      { customer_name: 'Ada Lovelace', uncategorized_text: 'first draft' },
      { submit: false, actor: ADMIN },
    );
    expect(staged).toMatchObject({ ok: true });
    expect(await disputeNow(dispute.id)).toMatchObject({
      status: 'needs_response',
      hasEvidence: true,
      submissionCount: 0,
      evidence: { customer_name: 'Ada Lovelace', uncategorized_text: 'first draft' },
    });
    expect((await harness.sdk.disputes.retrieve(dispute.id)).evidence.uncategorized_text).toBe(
      'first draft',
    );

    const submitted = await sendEvidence(
      dispute.id,
      { customer_name: 'Ada Lovelace', uncategorized_text: 'winning_evidence' },
      { submit: true, actor: ADMIN },
    );
    expect(submitted.ok).toBe(true);
    await waitForOrder(order.id, (o) => o.disputeStatus === 'won', 'won');
    await eventually(async () => (await disputeNow(dispute.id)).status === 'won', 'won');
    expect((await disputeNow(dispute.id)).submissionCount).toBe(1);
    expect((await auditOf(dispute.id)).map((row) => row.action).sort()).toEqual([
      'dispute.evidence_staged',
      'dispute.evidence_submitted',
    ]);

    // Submitted evidence is final: the store refuses to send more.
    const again = await sendEvidence(
      dispute.id,
      { uncategorized_text: 'more' },
      { submit: true, actor: ADMIN },
    );
    expect(again).toEqual({
      ok: false,
      message: 'This dispute is won: evidence can no longer be changed.',
    });
  });

  it('losing evidence loses it', async () => {
    const { order, dispute } = await disputedOrder();
    await sendEvidence(
      dispute.id,
      { uncategorized_text: 'losing_evidence' },
      { submit: true, actor: ADMIN },
    );
    await waitForOrder(order.id, (o) => o.disputeStatus === 'lost', 'lost');
  });

  it('accepting concedes it: lost, once, in the audit log', async () => {
    const { order, dispute } = await disputedOrder();
    expect(await acceptDispute(dispute.id, ADMIN)).toMatchObject({ ok: true });
    expect((await disputeNow(dispute.id)).status).toBe('lost');
    await waitForOrder(order.id, (o) => o.disputeStatus === 'lost', 'lost');
    expect(await acceptDispute(dispute.id, ADMIN)).toMatchObject({ ok: false });
    expect((await auditOf(dispute.id)).map((row) => row.action)).toEqual(['dispute.accepted']);
  });

  it('evidence over Stripe’s 150,000 characters is refused before anything is sent', async () => {
    const { dispute } = await disputedOrder();
    const result = await sendEvidence(
      dispute.id,
      { uncategorized_text: 'x'.repeat(150_001) },
      { submit: false, actor: ADMIN },
    );
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/150,000/);
    expect((await harness.sdk.disputes.retrieve(dispute.id)).evidence_details.has_evidence).toBe(
      false,
    );
  });
});

describe('an early fraud warning', () => {
  async function warnedOrder() {
    const { order } = await paidOrder(FRAUD_WARNING_CARD, 'paid');
    const warning = await eventually(async () => {
      const [row] = await db()
        .select()
        .from(earlyFraudWarnings)
        .where(eq(earlyFraudWarnings.orderId, order.id));
      return row;
    }, 'the early fraud warning');
    return { order, warning };
  }

  it('flags the order and goes on its timeline', async () => {
    const { order, warning } = await warnedOrder();
    expect(warning).toMatchObject({ actionable: true, fraudType: 'made_with_stolen_card' });
    const timeline = await db().select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
    expect(timeline.filter((row) => row.kind === 'fraud_warning')).toHaveLength(1);
  });

  it('refunding it in full refunds once even when clicked twice at once, and the warning is no longer actionable', async () => {
    const { order, warning } = await warnedOrder();

    const [first, second] = await Promise.all([
      refundFraudWarning(warning.id, ADMIN),
      refundFraudWarning(warning.id, ADMIN),
    ]);

    expect(first.ok || second.ok).toBe(true);
    const refunded = await waitForOrder(order.id, (o) => o.status === 'refunded', 'refunded');
    expect(refunded.amountRefunded).toBe(order.amountTotal);
    await harness.deliveriesSettled();
    expect(await db().select().from(refunds).where(eq(refunds.orderId, order.id))).toHaveLength(1);
    await eventually(async () => {
      const [row] = await db()
        .select()
        .from(earlyFraudWarnings)
        .where(eq(earlyFraudWarnings.id, warning.id));
      return row?.actionable === false;
    }, 'the warning to be no longer actionable');
    // A later click is told the order is refunded, and refunds nothing.
    expect((await refundFraudWarning(warning.id, ADMIN)).ok).toBe(false);
  });
});
