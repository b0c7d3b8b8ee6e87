import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { connect, useConnection, type Connection } from '@/db/client';
import { auditLog, products, shippingRates, users } from '@/db/schema';
import type { ActionState } from '@/lib/platform/action-state';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// The settings page's actions below the browser: the admin wrapper, the form parsing, the writes,
// their audit rows and the message the page shows. Zones are store-wide, so this file has its own
// database.

const state = vi.hoisted(() => ({ adminId: '' }));
vi.mock('server-only', () => ({}));
// Outside a Next request there is no page to revalidate; the rest of next/cache stays real.
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

const shipping = await import('@/lib/shipping/admin-actions');
const settings = await import('@/lib/settings/admin-actions');
const { readCheckoutSettings } = await import('@/lib/settings/store-settings');
const { shippingChoiceFor, listShippingZones } = await import('@/lib/shipping/zones');
const { createProduct, productInput } = await import('@/lib/catalogue/edit');

const IDLE: ActionState = { status: 'idle', message: '' };
const ADMIN_EMAIL = 'settings-admin@example.com';
let database: TestDatabase;
let connection: Connection;
const db = () => connection.db;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** Where an action that redirects sent the admin (Next's redirect throws it). */
async function redirectOf(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (digest.startsWith('NEXT_REDIRECT')) return digest.split(';')[2]!;
    throw error;
  }
  throw new Error('expected a redirect');
}

beforeAll(async () => {
  database = await createTestDatabase('shopfront_settings', inject('databaseUrl'));
  connection = connect(database.url, { max: 4 });
  useConnection(connection);
  const [admin] = await db()
    .insert(users)
    .values({ email: ADMIN_EMAIL, role: 'admin' })
    .returning({ id: users.id });
  state.adminId = admin!.id;
});

afterAll(async () => {
  await connection.sql.end();
  await database.dispose();
});

const cart = { subtotal: 4000, currency: 'usd' };

describe('shipping settings', () => {
  let zoneId = '';
  let rateId = '';

  it('refuses a zone with a country Stripe does not ship to, keeping what was typed', async () => {
    const result = await shipping.createShippingZoneAction(
      IDLE,
      form({ name: 'Domestic', countries: 'us, usa' }),
    );
    expect(result).toMatchObject({
      status: 'error',
      message: 'Check the highlighted fields.',
      fieldErrors: {
        countries:
          'USA is not a country Stripe ships to: use two-letter ISO codes such as US, GB or DE.',
      },
      values: { name: 'Domestic', countries: 'us, usa' },
    });
    expect(await listShippingZones()).toEqual([]);
  });

  it('creates a zone and opens it, then adds a rate priced in major units of the store currency', async () => {
    const to = await redirectOf(
      shipping.createShippingZoneAction(IDLE, form({ name: 'Domestic', countries: 'us ca' })),
    );
    const [zone] = await listShippingZones();
    zoneId = zone!.id;
    expect(to).toBe(`/admin/settings/shipping/${zoneId}?created=1`);
    expect(zone).toMatchObject({ name: 'Domestic', countries: ['CA', 'US'] });
    expect(await shippingChoiceFor('US', cart)).toEqual({ kind: 'no_rates', country: 'US' });

    const added = await shipping.createShippingRateAction(
      IDLE,
      form({
        zoneId,
        name: 'Standard',
        price: '5.00',
        freeOver: '75',
        minDays: '3',
        maxDays: '5',
        active: 'on',
      }),
    );
    expect(added).toEqual({ status: 'success', message: 'Added the rate Standard.' });
    const [row] = await db().select().from(shippingRates).where(eq(shippingRates.zoneId, zoneId));
    rateId = row!.id;
    expect(row).toMatchObject({
      amount: 500,
      currency: 'usd',
      freeOverAmount: 7500,
      minDays: 3,
      maxDays: 5,
      active: true,
    });
    expect(await shippingChoiceFor('ca', cart)).toMatchObject({
      kind: 'ok',
      options: [{ rateId, name: 'Standard', amount: 500, free: false }],
    });
  });

  it('names each bad rate field and changes nothing', async () => {
    const result = await shipping.createShippingRateAction(
      IDLE,
      form({
        zoneId,
        name: 'Express',
        price: '15.999',
        freeOver: '-1',
        minDays: '2',
        maxDays: '1',
      }),
    );
    expect(result.status).toBe('error');
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['freeOver', 'maxDays', 'price']);
    expect(result.fieldErrors?.price).toBe(
      'Enter an amount such as 28.50, at most $21,474,836.47.',
    );
    expect(await db().select().from(shippingRates)).toHaveLength(1);
  });

  it('edits, turns off and deletes a rate; checkout offers exactly what is on', async () => {
    expect(
      await shipping.updateShippingRateAction(
        IDLE,
        form({
          id: rateId,
          name: 'Ground',
          price: '6.50',
          freeOver: '',
          minDays: '',
          maxDays: '7',
          active: 'on',
        }),
      ),
    ).toEqual({ status: 'success', message: 'Saved the rate Ground.' });
    expect(await shippingChoiceFor('US', { subtotal: 100_000, currency: 'usd' })).toMatchObject({
      kind: 'ok',
      options: [{ name: 'Ground', amount: 650, free: false, minDays: null, maxDays: 7 }],
    });

    expect(
      await shipping.setShippingRateActiveAction(IDLE, form({ id: rateId, active: 'false' })),
    ).toEqual({ status: 'success', message: 'Ground is no longer offered at checkout.' });
    expect(await shippingChoiceFor('US', cart)).toEqual({ kind: 'no_rates', country: 'US' });

    expect(await shipping.deleteShippingRateAction(IDLE, form({ id: rateId }))).toEqual({
      status: 'success',
      message: 'Deleted the rate Ground.',
    });
    expect(await shipping.deleteShippingRateAction(IDLE, form({ id: rateId }))).toMatchObject({
      status: 'error',
      message: 'That shipping rate no longer exists.',
    });
    expect(await shipping.deleteShippingRateAction(IDLE, form({ id: 'not-a-rate' }))).toMatchObject(
      {
        status: 'error',
        fieldErrors: { id: 'Unknown shipping rate.' },
      },
    );
  });

  it('refuses to move a country into a second zone, then deletes the zone', async () => {
    const clash = await shipping.createShippingZoneAction(
      IDLE,
      form({ name: 'North America', countries: 'MX, CA' }),
    );
    expect(clash).toMatchObject({
      status: 'error',
      fieldErrors: {
        countries:
          'Canada (CA) is already in the zone “Domestic”: a country ships from one zone only, so remove it there first.',
      },
    });
    expect(await redirectOf(shipping.deleteShippingZoneAction(IDLE, form({ id: zoneId })))).toBe(
      '/admin/settings?deleted=1',
    );
    expect(await shippingChoiceFor('US', cart)).toEqual({ kind: 'not_shipped', country: 'US' });
  });

  it('audits every change with the admin and their address', async () => {
    const rows = await db()
      .select({ action: auditLog.action, actor: auditLog.actor, ip: auditLog.ip })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'shipping_zone'), eq(auditLog.targetId, zoneId)))
      .orderBy(auditLog.id);
    expect(rows.map((row) => row.action)).toEqual([
      'shipping_zone.create',
      'shipping_rate.create',
      'shipping_rate.update',
      'shipping_rate.deactivate',
      'shipping_rate.delete',
      'shipping_zone.delete',
    ]);
    expect(new Set(rows.map((row) => `${row.actor} ${row.ip}`))).toEqual(
      new Set([`${ADMIN_EMAIL} 203.0.113.18`]),
    );
  });
});

describe('checkout settings', () => {
  it('saves the ticked boxes and audits what changed, and nothing when nothing did', async () => {
    expect(await readCheckoutSettings()).toEqual({ taxEnabled: false, invoicesEnabled: false });
    const saved = await settings.saveCheckoutSettingsAction(IDLE, form({ taxEnabled: 'on' }));
    expect(saved).toEqual({
      status: 'success',
      message: 'Saved: Stripe Tax is on, invoices for one-time purchases are off.',
    });
    expect(await readCheckoutSettings()).toEqual({ taxEnabled: true, invoicesEnabled: false });

    const again = await settings.saveCheckoutSettingsAction(IDLE, form({ taxEnabled: 'on' }));
    expect(again).toEqual({ status: 'success', message: 'Nothing changed.' });
    await settings.saveCheckoutSettingsAction(IDLE, form({ invoicesEnabled: 'on' }));
    expect(await readCheckoutSettings()).toEqual({ taxEnabled: false, invoicesEnabled: true });

    const audit = await db()
      .select({ detail: auditLog.detail, actor: auditLog.actor })
      .from(auditLog)
      .where(eq(auditLog.action, 'settings.checkout'))
      .orderBy(auditLog.id);
    expect(audit).toEqual([
      { actor: ADMIN_EMAIL, detail: { taxEnabled: { from: false, to: true } } },
      {
        actor: ADMIN_EMAIL,
        detail: {
          taxEnabled: { from: true, to: false },
          invoicesEnabled: { from: false, to: true },
        },
      },
    ]);
  });
});

describe('products that ship', () => {
  const typed = (fields: Record<string, string>) => ({
    name: 'Linen napkins',
    slug: 'linen-napkins',
    currency: 'usd',
    price: '12.00',
    stock: '',
    active: 'on',
    ...fields,
  });
  const errorsOf = (fields: Record<string, string>) =>
    Object.fromEntries(
      productInput.safeParse(typed(fields)).error?.issues.map((i) => [i.path[0], i.message]) ?? [],
    );

  it('saves whether a product ships and its tax code', async () => {
    const created = await createProduct(
      productInput.parse(typed({ ships: 'on', taxCode: ' TXCD_99999999 ' })),
      { id: state.adminId, email: ADMIN_EMAIL, ip: null },
    );
    if (!created.ok) throw new Error(created.message);
    const [row] = await db().select().from(products).where(eq(products.id, created.id));
    expect(row).toMatchObject({ ships: true, taxCode: 'txcd_99999999' });
    expect(productInput.parse(typed({}))).toMatchObject({ ships: false, taxCode: null });
  });

  it('refuses a malformed tax code and a recurring product that ships', () => {
    expect(errorsOf({ taxCode: 'txcd_123' })).toEqual({
      taxCode:
        'Enter a Stripe tax code: txcd_ and 8 digits, such as txcd_99999999, or leave it empty.',
    });
    expect(errorsOf({ ships: 'on', billing: 'month' })).toEqual({
      ships:
        'A recurring product cannot ship: Checkout offers shipping rates on one-time purchases only.',
    });
    expect(errorsOf({ billing: 'month' })).toEqual({});
  });
});
