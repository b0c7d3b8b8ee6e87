// npm run db:migrate: applies the committed migrations to whichever server is configured.
import { EmbeddedPostgresUnavailable } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { ConfigError } from '@/lib/env';
import { describeDatabase, withDatabase } from './database';
import { loadProjectEnv } from './project-env';
import { runScript } from './run-script';

runScript(async () => {
  loadProjectEnv();
  await withDatabase(async (url) => {
    await migrateDatabase(url);
    console.log(`Migrations applied to ${describeDatabase(url)}`);
  });
}, [ConfigError, EmbeddedPostgresUnavailable]);
