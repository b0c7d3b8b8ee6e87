// npm run db:seed: loads the demo catalogue into an empty database (and leaves a stocked one alone).
import { EmbeddedPostgresUnavailable } from '@/db/embedded';
import { connect } from '@/db/client';
import { seedCatalogue } from '@/db/seed';
import { ConfigError, env } from '@/lib/env';
import { describeDatabase, withDatabase } from './database';
import { loadProjectEnv } from './project-env';
import { runScript } from './run-script';

runScript(async () => {
  loadProjectEnv();
  await withDatabase(async (url) => {
    const { db, sql } = connect(url, { max: 1 });
    try {
      const { inserted } = await seedCatalogue(db, env().STORE_CURRENCY);
      console.log(
        inserted > 0
          ? `Seeded ${inserted} products into ${describeDatabase(url)}`
          : `Products already exist in ${describeDatabase(url)}; nothing seeded`,
      );
    } finally {
      await sql.end();
    }
  });
}, [ConfigError, EmbeddedPostgresUnavailable]);
