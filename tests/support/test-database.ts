import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { startEmbeddedPostgres, TEST_DATA_DIR, type EmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { freePort } from '@/scripts/processes';

export interface TestDatabase {
  url: string;
  /** Drops the database and stops the embedded server if this run started it. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test run: on DATABASE_URL's server when it is set (CI points
 * it at the machine's Postgres 15), otherwise on the embedded server in .data/postgres-test.
 */
export async function createTestDatabase(
  prefix: string,
  baseUrl = process.env.DATABASE_URL,
): Promise<TestDatabase> {
  let server: EmbeddedPostgres | undefined;
  let maintenanceUrl: string;
  if (baseUrl) {
    maintenanceUrl = baseUrl;
  } else {
    server = await startEmbeddedPostgres({ dataDir: TEST_DATA_DIR, port: await freePort() });
    maintenanceUrl = server.serverUrl;
  }

  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(maintenanceUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = withDatabaseName(maintenanceUrl, name);
  await migrateDatabase(url);

  return {
    url,
    async dispose() {
      // FORCE (Postgres 13+) ends any connection a test left open.
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      if (server?.isOwned) await server.stop();
    },
  };
}

function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
