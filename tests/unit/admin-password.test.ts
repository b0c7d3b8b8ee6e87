import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '@/lib/auth/password';

describe('admin passwords', () => {
  it('refuses short, repetitive, common and email-derived passwords', () => {
    expect(passwordProblem('short1!')).toBe('Use at least 12 characters.');
    expect(passwordProblem('aaaaaaaaaaaaaaa')).toBe('Use more different characters.');
    expect(passwordProblem('Password1234')).toBe('That password is too common.');
    expect(passwordProblem('margaret-shop-2024', 'margaret@example.com')).toBe(
      'Do not include your email address.',
    );
    expect(passwordProblem('correct horse battery staple')).toBeNull();
  });

  it('stores a salted scrypt hash that verifies only the same password', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct');
    expect(await verifyPassword('correct horse battery staple', first)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', first)).toBe(false);
    // Four derivations at OWASP's cost (128 MiB each): seconds on a busy machine.
  }, 30_000);

  it('never matches a malformed stored hash', async () => {
    expect(await verifyPassword('anything at all', 'bcrypt$whatever')).toBe(false);
    expect(await verifyPassword('anything at all', '')).toBe(false);
  });
});
