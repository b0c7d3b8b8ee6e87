import { isIP } from 'node:net';
import { desc, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
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
    targetType: 'order' | 'product' | 'user' | 'email';
    targetId: string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  // The column is inet: anything that is not an address ("unknown", a spoofed header) is dropped.
  const ip = actor.ip && isIP(actor.ip) ? actor.ip : null;
  await executor.insert(auditLog).values({ actor: actor.email, ip, ...entry });
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: Record<string, unknown> | null;
  ip: string | null;
  /** The order's number or the product's name, when the target still exists. */
  targetLabel: string | null;
}

export async function listAudit(limit = 200): Promise<AuditRow[]> {
  return db()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: auditLog.actor,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      detail: auditLog.detail,
      ip: auditLog.ip,
      targetLabel: sql<string | null>`coalesce(
        (SELECT '#' || o.number FROM orders o WHERE audit_log.target_type = 'order' AND o.id::text = audit_log.target_id),
        (SELECT p.name FROM products p WHERE audit_log.target_type = 'product' AND p.id::text = audit_log.target_id))`,
    })
    .from(auditLog)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
