import { describe, expect, it } from 'vitest';
import { verifiedPrimaryEmail } from '@/lib/auth/github-email';

describe('the email a GitHub account proves', () => {
  it('is its primary email when GitHub has verified it', () => {
    expect(
      verifiedPrimaryEmail([
        { email: 'Other@Example.com', primary: false, verified: true },
        { email: 'Owner@Example.com', primary: true, verified: true },
      ]),
    ).toBe('owner@example.com');
  });

  it('is none when the primary is unverified, even if another address is verified', () => {
    expect(
      verifiedPrimaryEmail([
        { email: 'owner@example.com', primary: true, verified: false },
        { email: 'other@example.com', primary: false, verified: true },
      ]),
    ).toBeNull();
  });

  it('is none when GitHub did not answer with a list', () => {
    expect(verifiedPrimaryEmail(null)).toBeNull();
    expect(verifiedPrimaryEmail({ message: 'Bad credentials' })).toBeNull();
    expect(verifiedPrimaryEmail([])).toBeNull();
  });
});
