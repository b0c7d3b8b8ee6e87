// npm run reconcile: applies Stripe events the webhook missed, re-checks pending orders whose
// session expired, and sends mail that is due; the same work as the /api/cron/reconcile route.
// Beside `npm run dev` it reaches that server's database and Stripe emulator on its own.
import { EmbeddedPostgresUnavailable } from '@/db/embedded';
import { connect, useConnection } from '@/db/client';
import { deliverPendingEmails, summarizeDeliveries } from '@/lib/email/delivery';
import { ConfigError } from '@/lib/env';
import { reconcile } from '@/lib/webhooks/reconcile';
import { describeDatabase, withDatabase } from './database';
import { joinDevEmulator } from './dev-emulator';
import { loadProjectEnv } from './project-env';
import { runScript } from './run-script';

runScript(async () => {
  loadProjectEnv();
  await joinDevEmulator();
  await withDatabase(async (url) => {
    const connection = connect(url, { max: 2 });
    useConnection(connection);
    try {
      console.log(`Reconciling ${describeDatabase(url)} with Stripe`);
      const report = await reconcile();
      const mail = summarizeDeliveries(await deliverPendingEmails());
      console.log(JSON.stringify({ ...report, mail }, null, 2));
    } finally {
      await connection.sql.end();
    }
  });
}, [ConfigError, EmbeddedPostgresUnavailable]);
