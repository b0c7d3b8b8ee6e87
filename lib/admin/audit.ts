import { desc, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditLog } from '@/db/schema';

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
