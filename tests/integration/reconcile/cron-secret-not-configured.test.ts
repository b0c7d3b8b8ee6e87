import { describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/cron/reconcile/route';

// Before anything reads the configuration: a production server with no CRON_SECRET.
vi.stubEnv('NODE_ENV', 'production');
vi.stubEnv('CRON_SECRET', '');
vi.stubEnv('STRIPE_API_BASE', '');
// Production also requires AUTH_SECRET (lib/env.ts); this test is about CRON_SECRET alone.
vi.stubEnv('AUTH_SECRET', 'a-test-secret-that-is-long-enough-1234');

describe('GET /api/cron/reconcile without CRON_SECRET', () => {
  it('answers 500 in production, so the misconfiguration is seen, and runs nothing', async () => {
    const response = await GET(
      new Request('http://store.test/api/cron/reconcile', {
        headers: { authorization: 'Bearer anything' },
      }),
    );
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'CRON_SECRET is not configured' });
  });
});
