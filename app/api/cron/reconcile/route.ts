import { authorizeCron } from '@/lib/platform/cron-auth';
import { deliverPendingEmails, summarizeDeliveries } from '@/lib/email/delivery';
import { env } from '@/lib/env';
import { reconcile } from '@/lib/webhooks/reconcile';

// postgres.js and Node's crypto: never the edge. Each run talks to Stripe: never cached.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
export const maxDuration = 300;

/**
 * Vercel Cron (vercel.json): recover missed webhooks and stale pending orders, then send the mail
 * that is due (retried with backoff, marked failed after the limit).
 */
export async function GET(request: Request): Promise<Response> {
  const config = env();
  const authorization = authorizeCron(request.headers.get('authorization'), {
    secret: config.CRON_SECRET,
    production: config.NODE_ENV === 'production',
  });
  if (authorization === 'not_configured') {
    console.error('[cron] CRON_SECRET is not set: scheduled reconcile and mail retries are off');
    return Response.json({ error: 'CRON_SECRET is not configured' }, { status: 500 });
  }
  if (authorization === 'unauthorized')
    return Response.json({ error: 'unauthorized' }, { status: 401 });

  const report = await reconcile();
  const mail = summarizeDeliveries(await deliverPendingEmails());
  console.info(`[cron] reconcile ${JSON.stringify(report)} mail ${JSON.stringify(mail)}`);
  return Response.json({ ...report, mail }, { headers: { 'Cache-Control': 'no-store' } });
}
