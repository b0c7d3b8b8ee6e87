import { isIP } from 'node:net';
import { type Executor } from '@/db/client';
import { auditLog } from '@/db/schema';

/**
 * Who did something, for the audit log: the admin's email (or the command that acted) and the
 * address the request came from (lib/platform/client-address.ts), null only where there was no
 * request (a command run on the server).
 */
export interface AuditActor {
  email: string;
  ip: string | null;
}

/**
 * Writes one audit row: the only way audit rows are written. Pass the mutation's transaction so
 * the change and its record commit together.
 */
export async function recordAudit(
  executor: Executor,
  actor: AuditActor,
  entry: {
    action: string;
    targetType:
      | 'order'
      | 'product'
      | 'user'
      | 'email'
      | 'stripe_event'
      | 'dispute'
      | 'balance_transaction'
      | 'promotion_code'
      | 'shipping_zone'
      | 'store_settings';
    targetId: string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  // The column is inet: anything that is not an address ("unknown", a spoofed header) is dropped.
  const ip = actor.ip && isIP(actor.ip) ? actor.ip : null;
  await executor.insert(auditLog).values({ actor: actor.email, ip, ...entry });
}
