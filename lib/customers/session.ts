import 'server-only';
import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { auth } from '@/lib/auth/auth';

export const CUSTOMER_SIGN_IN_PATH = '/account/sign-in';

/** The sign-in page, coming back to `returnPath` afterwards. */
export function signInPathReturningTo(returnPath: string): string {
  return `${CUSTOMER_SIGN_IN_PATH}?next=${encodeURIComponent(returnPath)}`;
}

export interface Customer {
  id: string;
  email: string;
}

/**
 * The signed-in customer (any account: admins may shop too), or null for a guest. The user is read
 * from the database, not the token, so a deleted account is signed out at once. `cache` makes it
 * one query per request however many components ask.
 */
export const currentCustomer = cache(async (): Promise<Customer | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const [user] = await db()
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!user?.email) return null;
  return { id: user.id, email: user.email };
});

/** The signed-in customer, or a redirect to the customer sign-in page. Every /account page calls it. */
export async function requireCustomer(): Promise<Customer> {
  const customer = await currentCustomer();
  if (!customer) redirect(CUSTOMER_SIGN_IN_PATH);
  return customer;
}
