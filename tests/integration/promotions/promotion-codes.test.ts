import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { auditLog, orders, products, promotionCodes, users, type OrderStatus } from '@/db/schema';
import type { ActionState } from '@/lib/platform/action-state';
import { listPromotionCodes, redemptionsByCode, storeCurrencies } from '@/lib/promotions/queries';

// The promotion codes' reads and the admin actions' checks, on real Postgres. Nothing here reaches
// Stripe: every refusal below happens before a Stripe call (no Stripe is configured in this file).
// Creating and deactivating codes in Stripe is tested in stripe-promotion-codes.test.ts.

const state = vi.hoisted(() => ({ adminId: '' }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  revalidatePath: () => {},
}));
vi.mock('next/headers', () => ({
  headers: async () =>
    (await import('@/tests/support/client-headers')).clientHeaders('203.0.113.18'),
}));
vi.mock('next-auth', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next-auth')>()),
  default: () => ({
    auth: async () => ({ user: { id: state.adminId, email: 'x', role: 'admin' } }),
    handlers: {},
    signIn: async () => {},
    signOut: async () => {},
  }),
}));

const { createPromotionCodeAction, deactivatePromotionCodeAction } =
  await import('@/lib/promotions/admin-actions');
const IDLE: ActionState = { status: 'idle', message: '' };
const suffix = randomBytes(4).toString('hex');
const adminEmail = `promotions-${suffix}@example.com`;
const DAY = 86_400_000;

beforeAll(async () => {
  const [admin] = await db()
    .insert(users)
    .values({ email: adminEmail, role: 'admin' })
    .returning({ id: users.id });
  state.adminId = admin!.id;
});

afterAll(async () => {
  await db().$client.end();
});

/** A code as if made earlier (the row Stripe's objects are mirrored in). */
async function existingCode(
  code: string,
  values: Partial<typeof promotionCodes.$inferInsert> = {},
): Promise<string> {
  const id = `promo_${code.replaceAll('-', '')}${suffix}`;
  await db()
    .insert(promotionCodes)
    .values({ id, code, couponId: `co_${id}`, percentOff: 10, createdBy: adminEmail, ...values });
  return id;
}

/** An order that used the code, paid `daysAgo` days ago (null: never paid). */
async function orderWith(
  promotionCodeId: string,
  status: OrderStatus,
  amountDiscount: number,
  daysAgo: number | null = 1,
  currency = 'usd',
) {
  await db()
    .insert(orders)
    .values({
      status,
      currency,
      amountSubtotal: 5000,
      amountDiscount,
      amountTotal: 5000 - amountDiscount,
      promotionCodeId,
      promotionCode: 'typed-in-lower-case',
      paidAt: daysAgo === null ? null : new Date(Date.now() - daysAgo * DAY),
    });
}

function submit(action: typeof createPromotionCodeAction, fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return action(IDLE, form);
}

async function auditRowsFor(targetId: string) {
  return db().select().from(auditLog).where(eq(auditLog.targetId, targetId));
}

describe('the promotion codes list', () => {
  it('counts paid orders as redemptions, refunded ones included, and sums their discount', async () => {
    const id = await existingCode(`LIST-${suffix}`);
    await orderWith(id, 'paid', 500);
    await orderWith(id, 'partially_refunded', 500);
    await orderWith(id, 'refunded', 250);
    await orderWith(id, 'pending', 500, null);
    await orderWith(id, 'expired', 500, null);
    await orderWith(id, 'failed', 500, null);

    const listed = (await listPromotionCodes()).find((code) => code.id === id);
    expect(listed).toMatchObject({
      code: `LIST-${suffix}`,
      redemptions: 3,
      discountGiven: [{ amount: 1250, currency: 'usd' }],
    });
  });

  it('keeps what a percentage gave in each currency apart', async () => {
    const id = await existingCode(`MIXED-${suffix}`);
    await orderWith(id, 'paid', 300, 1, 'usd');
    await orderWith(id, 'paid', 700, 1, 'eur');
    await orderWith(id, 'paid', 200, 1, 'eur');

    const listed = (await listPromotionCodes()).find((code) => code.id === id);
    expect(listed?.redemptions).toBe(3);
    expect(listed?.discountGiven).toEqual(
      expect.arrayContaining([
        { amount: 900, currency: 'eur' },
        { amount: 300, currency: 'usd' },
      ]),
    );
  });

  it('lists every code newest first, unused ones with nothing given', async () => {
    const older = await existingCode(`OLDER-${suffix}`, {
      active: false,
      createdAt: new Date(Date.now() - 2 * DAY),
    });
    const newer = await existingCode(`NEWER-${suffix}`, {
      amountOff: 500,
      percentOff: null,
      currency: 'usd',
    });

    const ids = (await listPromotionCodes()).map((code) => code.id);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    expect((await listPromotionCodes()).find((code) => code.id === older)).toMatchObject({
      active: false,
      redemptions: 0,
      discountGiven: [],
    });
  });
});

describe('the dashboard’s promotion codes card', () => {
  it('counts redemptions per code paid in the last 30 days, most used first', async () => {
    const busy = await existingCode(`BUSY-${suffix}`);
    const quiet = await existingCode(`QUIET-${suffix}`);
    const old = await existingCode(`OLD-${suffix}`);
    await orderWith(busy, 'paid', 100, 1);
    await orderWith(busy, 'refunded', 100, 29);
    await orderWith(busy, 'pending', 100, null);
    await orderWith(quiet, 'paid', 400, 3);
    await orderWith(quiet, 'paid', 400, 31);
    await orderWith(old, 'paid', 400, 45);

    const rows = (await redemptionsByCode()).filter((row) =>
      [busy, quiet, old].includes(row.promotionCodeId),
    );
    expect(rows).toEqual([
      {
        promotionCodeId: busy,
        code: `BUSY-${suffix}`,
        currency: 'usd',
        redemptions: 2,
        discountGiven: 200,
      },
      {
        promotionCodeId: quiet,
        code: `QUIET-${suffix}`,
        currency: 'usd',
        redemptions: 1,
        discountGiven: 400,
      },
    ]);
  });

  it('names a code by what the customer typed when the store has no row for it', async () => {
    const id = `promo_elsewhere${suffix}`;
    await orderWith(id, 'paid', 100, 1);
    const row = (await redemptionsByCode()).find((entry) => entry.promotionCodeId === id);
    expect(row?.code).toBe('TYPED-IN-LOWER-CASE');
  });
});

describe('the currencies a code may be made in', () => {
  it('are the store’s own first, then those its products sell in', async () => {
    await db()
      .insert(products)
      .values({
        name: 'Krona mug',
        slug: `krona-mug-${suffix}`,
        unitAmount: 12_000,
        currency: 'sek',
      });
    const currencies = await storeCurrencies();
    expect(currencies[0]).toBe('usd');
    expect(currencies).toContain('sek');
    expect(new Set(currencies).size).toBe(currencies.length);
  });
});

describe('the admin’s promotion code actions, before Stripe', () => {
  it('names each refused field and creates nothing', async () => {
    const result = await submit(createPromotionCodeAction, {
      submission: randomUUID(),
      code: 'no spaces',
      kind: 'fixed',
      amount: '0',
      currency: 'usd',
      expiresOn: '2020-01-01',
      maxRedemptions: '0',
      minimumAmount: '1.234',
    });
    expect(result).toMatchObject({
      status: 'error',
      message: 'Check the highlighted fields.',
      fieldErrors: {
        code: 'Use only letters, digits and dashes (-), such as SUMMER-10.',
        amount: 'Enter an amount above zero.',
        expiresOn: 'Choose today or a later day: this one is over (UTC).',
        maxRedemptions: 'Enter a whole number of 1 or more, or leave empty for no limit.',
        minimumAmount: 'Enter an amount such as 28.50, at most $21,474,836.47.',
      },
      values: { code: 'no spaces', amount: '0' },
    });
    const made = await db()
      .select()
      .from(promotionCodes)
      .where(eq(promotionCodes.createdBy, adminEmail));
    expect(made.map((row) => row.code)).not.toContain('NO SPACES');
  });

  it('refuses a form without its submission token', async () => {
    const result = await submit(createPromotionCodeAction, {
      code: 'TOKENLESS',
      kind: 'percent',
      amount: '5',
    });
    expect(result.fieldErrors?.submission).toBe(
      'Reload the page: the form lost its submission token.',
    );
  });

  it('refuses a code already active, whatever its case, before asking Stripe', async () => {
    await existingCode(`TAKEN-${suffix}`);
    const result = await submit(createPromotionCodeAction, {
      submission: randomUUID(),
      code: `taken-${suffix}`,
      kind: 'percent',
      amount: '15',
    });
    expect(result).toMatchObject({
      status: 'error',
      fieldErrors: {
        code: `TAKEN-${suffix.toUpperCase()} is already an active code. Deactivate it first, or choose another code.`,
      },
    });
  });

  it('refuses to deactivate a code that is already inactive, changing nothing', async () => {
    const id = await existingCode(`GONE-${suffix}`, { active: false });
    const result = await submit(deactivatePromotionCodeAction, { id });
    expect(result).toEqual({
      status: 'error',
      message: `GONE-${suffix} is already inactive.`,
      values: { id },
    });
    expect(await auditRowsFor(id)).toEqual([]);
  });

  it('refuses an unknown code', async () => {
    expect(await submit(deactivatePromotionCodeAction, { id: 'promo_nothere' })).toMatchObject({
      status: 'error',
      message: 'That promotion code does not exist.',
    });
    expect(await submit(deactivatePromotionCodeAction, { id: 'co_notapromo' })).toMatchObject({
      status: 'error',
      fieldErrors: { id: 'Unknown promotion code.' },
    });
  });
});
