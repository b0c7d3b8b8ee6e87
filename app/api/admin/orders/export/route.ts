import type { NextRequest } from 'next/server';
import { db } from '@/db/client';
import { recordAudit } from '@/lib/platform/audit-log';
import { orderFilterParams, parseOrderFilters } from '@/lib/admin/order-filters';
import { ordersCsvStream } from '@/lib/admin/orders-export';
import { csvDownload } from '@/lib/admin/csv-export';
import { requireAdmin } from '@/lib/auth/auth';
import { clientAddress } from '@/lib/platform/client-address';

/** The orders list's current view as CSV: GET /api/admin/orders/export?status=paid&q=... */
export async function GET(request: NextRequest): Promise<Response> {
  const admin = await requireAdmin();
  const filters = parseOrderFilters(request.nextUrl.searchParams);
  // Customer data leaving the system is worth a record, though nothing changed.
  await recordAudit(
    db(),
    { email: admin.email, ip: clientAddress(request.headers) },
    {
      action: 'orders.export',
      targetType: 'order',
      targetId: '*',
      detail: { filters: orderFilterParams(filters).toString() },
    },
  );
  return csvDownload(ordersCsvStream(filters), 'orders');
}
