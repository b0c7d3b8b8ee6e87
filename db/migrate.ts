import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { connect } from './client';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies every committed migration not yet applied to the database at `url`. */
export async function migrateDatabase(url: string): Promise<void> {
  const { db, sql } = connect(url, { max: 1 });
  try {
    await migrate(db, { migrationsFolder });
  } finally {
    await sql.end();
  }
}
