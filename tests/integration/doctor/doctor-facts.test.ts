import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { runDoctorChecks } from '@/lib/doctor/checks';
import { configurationFacts, gatherDoctorFacts } from '@/lib/doctor/facts';

afterAll(async () => {
  await db().$client.end();
});

describe('the facts npm run doctor gathers', () => {
  it('finds every migration applied to a migrated database, and counts its admins', async () => {
    const { config } = configurationFacts({ DATABASE_URL: process.env.DATABASE_URL });
    const facts = await gatherDoctorFacts(config!, db(), { offline: true });
    expect(facts.pendingMigrations).toEqual({ kind: 'known', tags: [] });
    expect(facts.admins.kind).toBe('counted');
    expect(
      runDoctorChecks(facts).find((check) => check.name.includes('Stripe is reachable')),
    ).toMatchObject({
      status: 'skip',
      detail: 'skipped (--offline)',
    });
  });

  it('reports the configuration’s problems instead of gathering anything', () => {
    expect(configurationFacts({ STRIPE_SECRET_KEY: 'pk_live_oops' }).problems).toEqual([
      'STRIPE_SECRET_KEY=<hidden>: must be a Stripe secret key: sk_test_... or sk_live_...',
    ]);
  });
});
