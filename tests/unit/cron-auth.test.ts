import { describe, expect, it } from 'vitest';
import { authorizeCron } from '@/lib/platform/cron-auth';

const secret = 'a-long-enough-cron-secret';

describe('who may run the scheduled jobs', () => {
  it('the bearer of the secret may', () => {
    expect(authorizeCron(`Bearer ${secret}`, { secret, production: true })).toBe('authorized');
  });

  it('anyone else may not: no header, another scheme, another secret', () => {
    for (const header of [null, secret, `Basic ${secret}`, `Bearer ${secret}x`, 'Bearer ']) {
      expect(authorizeCron(header, { secret, production: true })).toBe('unauthorized');
    }
  });

  it('without a secret nobody may; in production that is a configuration error', () => {
    expect(authorizeCron(`Bearer x`, { secret: undefined, production: false })).toBe(
      'unauthorized',
    );
    expect(authorizeCron(`Bearer x`, { secret: undefined, production: true })).toBe(
      'not_configured',
    );
  });
});
