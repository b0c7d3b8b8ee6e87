import { desc, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, users, type User } from '@/db/schema';
import { ownedBy } from '@/lib/customers/orders';
import { ORDER_ROW_COLUMNS, type OrderRow } from './order-list';

export type CustomerAccount = Pick<
  User,
  'id' | 'email' | 'role' | 'createdAt' | 'stripeCustomerId'
>;

const accountColumns = {
  id: users.id,
  email: users.email,
  role: users.role,
  createdAt: users.createdAt,
  stripeCustomerId: users.stripeCustomerId,
};

/** The account an order belongs to: the one that placed it, or the one with the guest's email. */
export async function findOrderAccount(order: {
  userId: string | null;
  email: string | null;
}): Promise<CustomerAccount | null> {
  if (!order.userId && !order.email) return null;
  const [account] = await db()
    .select(accountColumns)
    .from(users)
    .where(
      order.userId
        ? eq(users.id, order.userId)
        : sql`lower(${users.email}) = lower(${order.email})`,
    )
    .limit(1);
  return account ?? null;
}

/** A customer and every order that is theirs (the same rule as their own /account/orders). */
export async function findCustomerWithOrders(
  userId: string,
): Promise<{ account: CustomerAccount; orders: OrderRow[] } | null> {
  const [account] = await db().select(accountColumns).from(users).where(eq(users.id, userId));
  if (!account?.email) return null;
  const rows = await db()
    .select(ORDER_ROW_COLUMNS)
    .from(orders)
    .where(ownedBy({ id: account.id, email: account.email }))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(500);
  return { account, orders: rows };
}
