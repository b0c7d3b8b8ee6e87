import { describe, expect, it, vi } from 'vitest';

// lib/customers/session.ts is server-only and reads the session through next-auth; both are
// replaced here so its pure helpers load in a unit test.
vi.mock('server-only', () => ({}));
vi.mock('@/lib/auth', () => ({ auth: async () => null }));

const { safeReturnPath, signInPathReturningTo } = await import('@/lib/customers/session');

describe('where a sign-in link returns to', () => {
  it('accepts a path on this site', () => {
    expect(safeReturnPath('/products/coffee-refill-club')).toBe('/products/coffee-refill-club');
    expect(signInPathReturningTo('/products/x')).toBe('/account/sign-in?next=%2Fproducts%2Fx');
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/products'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'products/x'],
    ['markup', '/"><script>'],
    ['something huge', `/${'a'.repeat(300)}`],
    ['not a string', ['/products/x']],
  ])('refuses %s', (_case, value) => {
    expect(safeReturnPath(value)).toBeNull();
  });
});
