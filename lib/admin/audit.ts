import { auditLog } from '@/db/schema';
import type { Database } from '@/db/client';
import type { Actor } from './action';

type Executor = Pick<Database, 'insert'>;

/** Writes one audit row; pass the mutation's transaction so the change and its record commit together. */
export async function recordAudit(
  executor: Executor,
  actor: Pick<Actor, 'email' | 'ip'>,
  entry: {
    action: string;
    targetType: 'order' | 'product' | 'user' | 'email';
    targetId: string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await executor.insert(auditLog).values({ actor: actor.email, ip: actor.ip, ...entry });
}
