import { sql } from 'drizzle-orm';
import { db } from '@/db/client';

/** For load balancers and uptime checks: 200 when the database answers, 503 when it does not. */
export async function GET() {
  try {
    await db().execute(sql`select 1`);
    return Response.json(
      { status: 'ok', database: 'ok' },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch {
    return Response.json(
      { status: 'unavailable', database: 'unreachable' },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}
