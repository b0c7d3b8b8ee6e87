import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { db } from '@/db/client';
import { promotionCodes, type PromotionCode } from '@/db/schema';
import { recordAudit, type AuditActor } from '@/lib/platform/audit-log';
import { stripe } from '@/lib/stripe';
import { findActiveCode } from './queries';
import type { PromotionDraft, PromotionForm } from './rules';

export type PromotionResult =
  | { ok: true; id: string; message: string }
  | {
      ok: false;
      message: string;
      fieldErrors?: Partial<Record<keyof PromotionForm, string>>;
    };

const CHECK_FIELDS = 'Check the highlighted fields.';

// Stripe names the parameter it refused (StripeError.param); the form shows it on that field.
const FIELD_OF_PARAM: Array<[RegExp, keyof PromotionForm]> = [
  [/^code$/, 'code'],
  [/^(percent_off|amount_off)$/, 'amount'],
  [/currency/, 'currency'],
  [/^(redeem_by|expires_at)$/, 'expiresOn'],
  [/max_redemptions/, 'maxRedemptions'],
  [/minimum_amount/, 'minimumAmount'],
  [/first_time_transaction/, 'firstOrderOnly'],
];

function refusal(error: unknown): PromotionResult {
  if (!(error instanceof Stripe.errors.StripeError))
    return { ok: false, message: 'Stripe could not be reached. Nothing was created; try again.' };
  const field = FIELD_OF_PARAM.find(([pattern]) => pattern.test(error.param ?? ''))?.[1];
  const message = `Stripe refused: ${error.message}`;
  return field
    ? { ok: false, message: CHECK_FIELDS, fieldErrors: { [field]: message } }
    : { ok: false, message };
}

function codeTaken(code: string): PromotionResult {
  return {
    ok: false,
    message: CHECK_FIELDS,
    fieldErrors: {
      code: `${code} is already an active code. Deactivate it first, or choose another code.`,
    },
  };
}

function isActiveCodeTaken(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? error;
  return (cause as { code?: string }).code === '23505';
}

const toUnix = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * Makes the code in Stripe, so its page validates it: a coupon (the discount, used once per
 * checkout) and a promotion code on it (what customers type, with the limits). Then the row and
 * its audit entry. The idempotency keys come from the form's one-per-render `submission` token and
 * the draft itself: a double submit makes one coupon and one code, while a corrected resubmission
 * (after Stripe refused the first) is a new request. If the promotion code is refused, the coupon
 * made for it is deleted, so nothing half-made stays in Stripe.
 */
export async function createPromotionCode(
  draft: PromotionDraft,
  actor: AuditActor,
  submission: string,
): Promise<PromotionResult> {
  // Stripe would refuse it too (active codes are unique whatever their case); this says it sooner.
  const existing = await findActiveCode(draft.code);
  if (existing) {
    // The same admin's second submit of the same form, after the first was made: done already.
    return isSameCode(existing, draft, actor)
      ? { ok: true, id: existing.id, message: created(draft) }
      : codeTaken(draft.code);
  }

  const digest = createHash('sha256').update(JSON.stringify(draft)).digest('hex').slice(0, 24);
  const key = `promotion:${submission}:${digest}`;
  const expiresAt = draft.expiresAt ? toUnix(draft.expiresAt) : undefined;
  const maxRedemptions = draft.maxRedemptions ?? undefined;

  let coupon: Stripe.Coupon;
  try {
    coupon = await stripe().coupons.create(
      {
        ...(draft.percentOff !== null
          ? { percent_off: draft.percentOff }
          : { amount_off: draft.amountOff!, currency: draft.currency! }),
        // Off one payment: Checkout's one-time purchases have only one.
        duration: 'once',
        name: draft.code,
        redeem_by: expiresAt,
        max_redemptions: maxRedemptions,
        metadata: { created_by: actor.email },
      },
      { idempotencyKey: `${key}:coupon` },
    );
  } catch (error) {
    console.error(`[promotions] ${draft.code}: creating the coupon failed:`, error);
    return refusal(error);
  }

  let code: Stripe.PromotionCode;
  try {
    code = await stripe().promotionCodes.create(
      {
        promotion: { type: 'coupon', coupon: coupon.id },
        code: draft.code,
        expires_at: expiresAt,
        max_redemptions: maxRedemptions,
        restrictions: {
          first_time_transaction: draft.firstTimeTransaction,
          ...(draft.minimumAmount !== null && {
            minimum_amount: draft.minimumAmount,
            minimum_amount_currency: draft.currency!,
          }),
        },
        metadata: { created_by: actor.email },
      },
      { idempotencyKey: `${key}:promotion_code` },
    );
  } catch (error) {
    console.error(`[promotions] ${draft.code}: creating the promotion code failed:`, error);
    // The same submission still in flight (Stripe answers 409 to a key in use): the coupon is
    // the other request's too, and its code is being made with it, so nothing is deleted.
    if (isSubmissionInFlight(error)) return { ok: false, message: IN_FLIGHT };
    await deleteCoupon(coupon.id);
    return refusal(error);
  }

  try {
    const created = await db().transaction(async (tx) => {
      const [row] = await tx
        .insert(promotionCodes)
        .values({
          id: code.id,
          code: draft.code,
          couponId: coupon.id,
          percentOff: draft.percentOff,
          amountOff: draft.amountOff,
          currency: draft.currency,
          expiresAt: draft.expiresAt,
          maxRedemptions: draft.maxRedemptions,
          firstTimeTransaction: draft.firstTimeTransaction,
          minimumAmount: draft.minimumAmount,
          createdBy: actor.email,
        })
        // A repeated submission gets the same objects back from Stripe: the row is already there.
        .onConflictDoNothing({ target: promotionCodes.id })
        .returning({ id: promotionCodes.id });
      if (!row) return false;
      await recordAudit(tx, actor, {
        action: 'promotion_code.create',
        targetType: 'promotion_code',
        targetId: code.id,
        detail: { ...draft, couponId: coupon.id },
      });
      return true;
    });
    if (!created) console.info(`[promotions] ${draft.code}: a repeated submission, already made`);
  } catch (error) {
    if (!isActiveCodeTaken(error)) throw error;
    // The same submission twice at once: the other request stored this very code.
    const [mine] = await db()
      .select({ id: promotionCodes.id })
      .from(promotionCodes)
      .where(eq(promotionCodes.id, code.id));
    if (mine) return { ok: true, id: code.id, message: created(draft) };
    // Another admin made the same code at the same moment and Stripe let both through.
    await withdraw(code.id, coupon.id);
    return codeTaken(draft.code);
  }
  return { ok: true, id: code.id, message: created(draft) };
}

const created = (draft: PromotionDraft) => `Created ${draft.code}: customers can use it now.`;

const IN_FLIGHT =
  'This form is being saved already (it was sent twice). Reload the page to see the code.';

function isSubmissionInFlight(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeIdempotencyError ||
    (error instanceof Stripe.errors.StripeError && error.statusCode === 409)
  );
}

function isSameCode(row: PromotionCode, draft: PromotionDraft, actor: AuditActor): boolean {
  return (
    row.createdBy === actor.email &&
    row.code === draft.code &&
    row.percentOff === draft.percentOff &&
    row.amountOff === draft.amountOff &&
    row.currency === draft.currency &&
    row.minimumAmount === draft.minimumAmount &&
    row.maxRedemptions === draft.maxRedemptions &&
    row.firstTimeTransaction === draft.firstTimeTransaction &&
    row.expiresAt?.getTime() === draft.expiresAt?.getTime()
  );
}

/** Best effort: a coupon left behind has no code on it, so no customer can reach it. */
async function deleteCoupon(couponId: string): Promise<void> {
  try {
    await stripe().coupons.del(couponId);
  } catch (error) {
    console.error(`[promotions] deleting the unused coupon ${couponId} failed:`, error);
  }
}

async function withdraw(promotionCodeId: string, couponId: string): Promise<void> {
  try {
    await stripe().promotionCodes.update(promotionCodeId, { active: false });
  } catch (error) {
    console.error(`[promotions] deactivating the duplicate ${promotionCodeId} failed:`, error);
  }
  await deleteCoupon(couponId);
}

/**
 * Stops a code working: Stripe first (its page is what refuses the code), then the row, audited.
 * Orders that used it keep their discount. A code is never reactivated from here: a new one is made.
 */
export async function deactivatePromotionCode(
  id: string,
  actor: AuditActor,
): Promise<PromotionResult> {
  const [row] = await db().select().from(promotionCodes).where(eq(promotionCodes.id, id));
  if (!row) return { ok: false, message: 'That promotion code does not exist.' };
  if (!row.active) return { ok: false, message: `${row.code} is already inactive.` };
  try {
    await stripe().promotionCodes.update(id, { active: false });
  } catch (error) {
    console.error(`[promotions] ${row.code}: deactivating failed:`, error);
    return error instanceof Stripe.errors.StripeError
      ? { ok: false, message: `Stripe refused: ${error.message}` }
      : { ok: false, message: 'Stripe could not be reached. Nothing was changed; try again.' };
  }
  await db().transaction(async (tx) => {
    const [updated] = await tx
      .update(promotionCodes)
      .set({ active: false, updatedAt: new Date() })
      .where(and(eq(promotionCodes.id, id), eq(promotionCodes.active, true)))
      .returning({ id: promotionCodes.id });
    // Two admins deactivating together: the second finds it done and records nothing.
    if (!updated) return;
    await recordAudit(tx, actor, {
      action: 'promotion_code.deactivate',
      targetType: 'promotion_code',
      targetId: id,
      detail: { code: row.code },
    });
  });
  return {
    ok: true,
    id,
    message: `${row.code} is deactivated: customers can no longer use it. Orders that used it keep their discount.`,
  };
}
