import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLog, promotionCodes } from '@/db/schema';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { createPromotionCode, deactivatePromotionCode } from '@/lib/promotions/operations';
import type { PromotionDraft } from '@/lib/promotions/rules';

// Creating and deactivating promotion codes through the Stripe SDK against the emulator, which
// must answer /v1/coupons and /v1/promotion_codes as Stripe does (the pinned API version: a
// promotion code names its coupon as `promotion: { type: 'coupon', coupon }`).

const suffix = randomBytes(4).toString('hex').toUpperCase();
const actor = { email: `promotions-stripe-${suffix}@example.com`, ip: '203.0.113.9' };
const DAY = 86_400_000;
let emulator: RunningEmulator;
let sdk: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  process.env.STRIPE_API_BASE = emulator.url;
  process.env.STRIPE_SECRET_KEY = 'sk_test_promotionstests';
  sdk = new Stripe('sk_test_promotionstests', {
    host: '127.0.0.1',
    port: emulator.port,
    protocol: 'http',
  });
});

afterAll(async () => {
  await emulator.stop();
  await db().$client.end();
});

function draft(overrides: Partial<PromotionDraft> = {}): PromotionDraft {
  return {
    code: `SPRING-${suffix}`,
    percentOff: 12.5,
    amountOff: null,
    currency: null,
    minimumAmount: null,
    expiresAt: null,
    maxRedemptions: null,
    firstTimeTransaction: false,
    ...overrides,
  };
}

function made(result: Awaited<ReturnType<typeof createPromotionCode>>): string {
  if (!result.ok) throw new Error(`${result.message} ${JSON.stringify(result.fieldErrors)}`);
  return result.id;
}

async function auditOf(targetId: string) {
  return db()
    .select({ action: auditLog.action, actor: auditLog.actor, detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'promotion_code'), eq(auditLog.targetId, targetId)));
}

async function couponsNamed(name: string): Promise<Stripe.Coupon[]> {
  const coupons: Stripe.Coupon[] = [];
  for await (const coupon of sdk.coupons.list({ limit: 100 })) coupons.push(coupon);
  return coupons.filter((coupon) => coupon.name === name);
}

describe('promotion codes in Stripe', () => {
  it('makes a percentage code as a coupon and a promotion code with its limits, then the row and its audit entry', async () => {
    const expiresAt = new Date(Math.ceil((Date.now() + 10 * DAY) / DAY) * DAY);
    const id = made(
      await createPromotionCode(
        draft({
          code: `TENTH-${suffix}`,
          expiresAt,
          maxRedemptions: 50,
          firstTimeTransaction: true,
        }),
        actor,
        randomUUID(),
      ),
    );

    const code = await sdk.promotionCodes.retrieve(id);
    expect(code).toMatchObject({
      object: 'promotion_code',
      active: true,
      code: `TENTH-${suffix}`,
      expires_at: expiresAt.getTime() / 1000,
      max_redemptions: 50,
      restrictions: {
        first_time_transaction: true,
        minimum_amount: null,
        minimum_amount_currency: null,
      },
      promotion: { type: 'coupon' },
    });
    const coupon = await sdk.coupons.retrieve(code.promotion.coupon as string);
    expect(coupon).toMatchObject({
      object: 'coupon',
      percent_off: 12.5,
      amount_off: null,
      duration: 'once',
      name: `TENTH-${suffix}`,
      redeem_by: expiresAt.getTime() / 1000,
      max_redemptions: 50,
    });

    const [row] = await db().select().from(promotionCodes).where(eq(promotionCodes.id, id));
    expect(row).toMatchObject({
      code: `TENTH-${suffix}`,
      couponId: coupon.id,
      percentOff: 12.5,
      amountOff: null,
      expiresAt,
      maxRedemptions: 50,
      firstTimeTransaction: true,
      active: true,
      createdBy: actor.email,
    });
    expect(await auditOf(id)).toMatchObject([
      { action: 'promotion_code.create', actor: actor.email, detail: { code: `TENTH-${suffix}` } },
    ]);
  });

  it('makes a fixed amount in yen with a minimum order amount in yen', async () => {
    const id = made(
      await createPromotionCode(
        draft({
          code: `YEN-${suffix}`,
          percentOff: null,
          amountOff: 500,
          currency: 'jpy',
          minimumAmount: 3000,
        }),
        actor,
        randomUUID(),
      ),
    );
    const code = await sdk.promotionCodes.retrieve(id);
    expect(code.restrictions).toMatchObject({
      minimum_amount: 3000,
      minimum_amount_currency: 'jpy',
    });
    expect(await sdk.coupons.retrieve(code.promotion.coupon as string)).toMatchObject({
      amount_off: 500,
      currency: 'jpy',
      percent_off: null,
    });
  });

  it('a double submit of one form makes one coupon, one code, one row and one audit entry', async () => {
    const submission = randomUUID();
    const twice = draft({ code: `TWICE-${suffix}` });
    const [first, second] = await Promise.all([
      createPromotionCode(twice, actor, submission),
      createPromotionCode(twice, actor, submission),
    ]);
    const third = await createPromotionCode(twice, actor, submission);
    const id = made(first);
    expect([made(second), made(third)]).toEqual([id, id]);

    const codes = await sdk.promotionCodes.list({ code: `TWICE-${suffix}` });
    expect(codes.data.map((code) => code.id)).toEqual([id]);
    expect(await couponsNamed(`TWICE-${suffix}`)).toHaveLength(1);
    const rows = await db()
      .select()
      .from(promotionCodes)
      .where(eq(promotionCodes.code, `TWICE-${suffix}`));
    expect(rows).toHaveLength(1);
    expect(await auditOf(id)).toHaveLength(1);
  });

  it('says so on the form when Stripe refuses the code, and leaves no coupon behind', async () => {
    // The code is already active in Stripe, made outside the store (its Dashboard, say).
    const elsewhere = await sdk.coupons.create({
      percent_off: 5,
      duration: 'once',
      name: 'elsewhere',
    });
    await sdk.promotionCodes.create({
      promotion: { type: 'coupon', coupon: elsewhere.id },
      code: `CLASH-${suffix}`,
    });

    const result = await createPromotionCode(
      draft({ code: `CLASH-${suffix}` }),
      actor,
      randomUUID(),
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.code).toMatch(/^Stripe refused: .*already exists/);
    expect(await couponsNamed(`CLASH-${suffix}`)).toEqual([]);
    expect(
      await db()
        .select()
        .from(promotionCodes)
        .where(eq(promotionCodes.code, `CLASH-${suffix}`)),
    ).toEqual([]);
  });

  it('deactivating turns the code off in Stripe and in the store, audited once', async () => {
    const id = made(
      await createPromotionCode(draft({ code: `STOP-${suffix}` }), actor, randomUUID()),
    );

    const result = await deactivatePromotionCode(id, actor);

    expect(result).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^STOP-.* is deactivated/),
    });
    expect((await sdk.promotionCodes.retrieve(id)).active).toBe(false);
    const [row] = await db().select().from(promotionCodes).where(eq(promotionCodes.id, id));
    expect(row?.active).toBe(false);
    expect(await deactivatePromotionCode(id, actor)).toEqual({
      ok: false,
      message: `STOP-${suffix} is already inactive.`,
    });
    expect((await auditOf(id)).map((entry) => entry.action)).toEqual([
      'promotion_code.create',
      'promotion_code.deactivate',
    ]);
  });

  it('a deactivated code’s name can be used again for a new code', async () => {
    const first = made(
      await createPromotionCode(draft({ code: `AGAIN-${suffix}` }), actor, randomUUID()),
    );
    await deactivatePromotionCode(first, actor);
    const second = made(
      await createPromotionCode(
        draft({ code: `AGAIN-${suffix}`, percentOff: 20 }),
        actor,
        randomUUID(),
      ),
    );
    expect(second).not.toBe(first);
  });
});
