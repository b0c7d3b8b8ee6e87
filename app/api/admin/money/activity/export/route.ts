import type { NextRequest } from 'next/server';
import { db } from '@/db/client';
import { balanceFilterParams, parseBalanceFilters } from '@/lib/admin/balance-filters';
import { balanceActivityCsvStream } from '@/lib/admin/balance-export';
import { csvDownload } from '@/lib/admin/csv-export';
import { requireAdmin } from '@/lib/auth/auth';
import { recordAudit } from '@/lib/platform/audit-log';
import { clientAddress } from '@/lib/platform/client-address';

/** The balance activity report's current view as CSV: GET /api/admin/money/activity/export?type=refund&... */
export async function GET(request: NextRequest): Promise<Response> {
  const admin = await requireAdmin();
  const parsed = parseBalanceFilters(request.nextUrl.searchParams);
  // A filter that cannot be read is refused, never dropped: the file would hold more than asked.
  if (!parsed.ok)
    return new Response(`${parsed.errors.join('\n')}\n`, {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  // Financial data leaving the system is worth a record, though nothing changed.
  await recordAudit(
    db(),
    { email: admin.email, ip: clientAddress(request.headers) },
    {
      action: 'balance.export',
      targetType: 'balance_transaction',
      targetId: '*',
      detail: { filters: balanceFilterParams(parsed.filters).toString() },
    },
  );
  return csvDownload(balanceActivityCsvStream(parsed.filters), 'balance-activity');
}
