import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/platform/audit-log';
import { hashPassword, passwordProblem, verifyPassword } from '@/lib/auth/password';

export class AdminInputError extends Error {
  name = 'AdminInputError';
}

/**
 * Creates an admin, or makes an existing user (a customer, say) an admin with this password.
 * Takes the database so scripts and test setups can pass their own connection.
 */
export async function upsertAdmin(
  database: Database,
  input: { email: string; password: string; actor: string },
): Promise<{ id: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw new AdminInputError(`"${email}" is not an email address.`);
  const problem = passwordProblem(input.password, email);
  if (problem) throw new AdminInputError(`Password refused: ${problem}`);
  const passwordHash = await hashPassword(input.password);
  return database.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ email, role: 'admin', passwordHash })
      .onConflictDoUpdate({ target: users.email, set: { role: 'admin', passwordHash } })
      // xmax = 0 only on a freshly inserted row: tells "created" from "updated" in one statement.
      .returning({ id: users.id, created: sql<boolean>`(xmax = 0)` });
    if (!row) throw new Error('upsert returned no row');
    // A command run on the server (npm run admin:create, npm run dev): no request, no address.
    await recordAudit(
      tx,
      { email: input.actor, ip: null },
      {
        action: row.created ? 'admin.create' : 'admin.set_password',
        targetType: 'user',
        targetId: row.id,
        detail: { email },
      },
    );
    return row;
  });
}

const DEV_ADMIN_FILE = path.resolve('.data/dev-admin.json');
export const DEV_ADMIN_EMAIL = 'admin@shopfront.localhost';

/**
 * The development admin (`npm run dev`): a random password generated once and kept in .data/, so
 * the printed credentials stay the same across restarts. Never used in production.
 */
export async function ensureDevAdmin(
  database: Database,
): Promise<{ email: string; password: string }> {
  let password: string;
  try {
    password = (JSON.parse(readFileSync(DEV_ADMIN_FILE, 'utf8')) as { password: string }).password;
  } catch {
    password = `dev-${randomBytes(12).toString('base64url')}`;
    mkdirSync(path.dirname(DEV_ADMIN_FILE), { recursive: true });
    writeFileSync(DEV_ADMIN_FILE, JSON.stringify({ email: DEV_ADMIN_EMAIL, password }), {
      mode: 0o600,
    });
  }
  const [existing] = await database
    .select({ role: users.role, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, DEV_ADMIN_EMAIL));
  const isCurrent =
    existing?.role === 'admin' &&
    existing.passwordHash !== null &&
    (await verifyPassword(password, existing.passwordHash));
  if (!isCurrent)
    await upsertAdmin(database, { email: DEV_ADMIN_EMAIL, password, actor: 'npm run dev' });
  return { email: DEV_ADMIN_EMAIL, password };
}
