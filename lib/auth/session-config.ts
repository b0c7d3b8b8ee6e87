import type { NextAuthConfig } from 'next-auth';
import type { userRole } from '@/db/schema';
import { authSecret } from './secret';

export type UserRole = (typeof userRole.enumValues)[number];

declare module 'next-auth' {
  interface User {
    role?: UserRole;
  }
  interface Session {
    user: { id: string; email: string; role: UserRole; name?: string | null };
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    role?: UserRole;
  }
}

export const SIGN_IN_PATH = '/admin/sign-in';

/**
 * What reading a session needs and nothing more (no database, no providers), so proxy.ts can check
 * the session cookie cheaply. lib/auth/auth.ts extends it with providers and the adapter.
 */
export function sessionConfig(): NextAuthConfig {
  return {
    secret: authSecret(),
    // Auth.js otherwise trusts only Vercel's host header. Shopfront runs behind Vercel or the
    // operator's own reverse proxy, which sets Host/X-Forwarded-Host; redirects stay same-origin.
    trustHost: true,
    session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
    providers: [],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.role = user.role ?? 'customer';
        return token;
      },
      session({ session, token }) {
        session.user.id = token.sub ?? '';
        session.user.role = token.role ?? 'customer';
        return session;
      },
    },
  };
}
