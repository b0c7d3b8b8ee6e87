// npm run doctor: Stripe's going-live checklist for this deployment's configuration. Run it with
// the production variables (NODE_ENV=production ...); `--offline` skips the call to Stripe.
import { EmbeddedPostgresUnavailable } from '@/db/embedded';
import { connect } from '@/db/client';
import {
  formatChecklist,
  invalidConfiguration,
  runDoctorChecks,
  type DoctorCheck,
} from '@/lib/doctor/checks';
import { configurationFacts, gatherDoctorFacts } from '@/lib/doctor/facts';
import { withDatabase } from './database';
import { joinDevEmulator } from './dev-emulator';
import { loadProjectEnv } from './project-env';
import { runScript } from './run-script';

runScript(async () => {
  loadProjectEnv(process.env.NODE_ENV === 'production' ? 'production' : 'development');
  await joinDevEmulator();
  const { config, problems } = configurationFacts();
  let checks: DoctorCheck[] = invalidConfiguration(problems);
  if (config) {
    checks = await withDatabase(async (url) => {
      const connection = connect(url, { max: 2 });
      try {
        const offline = process.argv.includes('--offline');
        return runDoctorChecks(await gatherDoctorFacts(config, connection.db, { offline }));
      } finally {
        await connection.sql.end();
      }
    });
  }
  const { text, ok } = formatChecklist(checks);
  console.log(text);
  if (!ok) process.exit(1);
}, [EmbeddedPostgresUnavailable]);
