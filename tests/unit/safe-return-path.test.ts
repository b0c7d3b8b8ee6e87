import { describe, expect, it, vi } from 'vitest';
import { adminReturnPath, safeReturnPath } from '@/lib/auth/return-path';

// lib/customers/session.ts is server-only and reads the session through next-auth; both are
// replaced here so its pure helper loads in a unit test.
vi.mock('server-only', () => ({}));
vi.mock('@/lib/auth/auth', () => ({ auth: async () => null }));
const { signInPathReturningTo } = await import('@/lib/customers/session');

describe('where signing in returns to', () => {
  it('is a path on this site, as given', () => {
    expect(safeReturnPath('/products/coffee-refill-club')).toBe('/products/coffee-refill-club');
    expect(safeReturnPath('/account/orders?page=2#top')).toBe('/account/orders?page=2#top');
    expect(signInPathReturningTo('/products/x')).toBe('/account/sign-in?next=%2Fproducts%2Fx');
  });

  it('keeps an absolute URL on one of the given origins, as a path', () => {
    const origins = ['https://shop.example.com'];
    expect(safeReturnPath('https://shop.example.com/products/x?a=1', { origins })).toBe(
      '/products/x?a=1',
    );
    expect(safeReturnPath('https://SHOP.example.com/account', { origins })).toBe('/account');
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['another origin, mixed case', 'HTTPS://EVIL.EXAMPLE/'],
    ['a protocol-relative URL', '//evil.example/products'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['a tab between the slashes', '/\t/evil.example'],
    ['a newline between the slashes', '/\n/evil.example'],
    ['a carriage return between the slashes', '/\r/evil.example'],
    ['a dot segment that leaves two slashes', '/..//evil.example'],
    ['a scheme-relative URL with a backslash', '/\\/evil.example'],
    ['the store origin followed by two slashes', 'https://shop.example.com//evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', 'products/x'],
    ['an empty string', ''],
    ['something huge', `/${'a'.repeat(1200)}`],
    ['not a string', ['/products/x']],
  ])('refuses %s', (_case, value) => {
    expect(safeReturnPath(value, { origins: ['https://shop.example.com'] })).toBeNull();
  });

  it('returns encoded paths, which a browser keeps on this site', () => {
    expect(safeReturnPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(safeReturnPath('/%5Cevil.example')).toBe('/%5Cevil.example');
    expect(safeReturnPath('/"><script>')).toBe('/%22%3E%3Cscript%3E');
  });
});

describe('where an admin returns to', () => {
  it('is an /admin page other than the sign-in page, or /admin', () => {
    expect(adminReturnPath('/admin/orders?status=paid')).toBe('/admin/orders?status=paid');
    expect(adminReturnPath('/admin/sign-in?next=/x')).toBe('/admin');
    expect(adminReturnPath('/administrator')).toBe('/admin');
    expect(adminReturnPath('/account')).toBe('/admin');
    expect(adminReturnPath('/admin/\\evil.example')).toBe('/admin//evil.example');
    expect(adminReturnPath('//evil.example/admin')).toBe('/admin');
    expect(adminReturnPath(null)).toBe('/admin');
  });
});
