import { isIP } from 'node:net';
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
  // The column is inet: anything that is not an address ("unknown", a spoofed header) is dropped.
  const ip = actor.ip && isIP(actor.ip) ? actor.ip : null;
  await executor.insert(auditLog).values({ actor: actor.email, ip, ...entry });
}
