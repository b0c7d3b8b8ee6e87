import {
  DEV_DATA_DIR,
  ensureDatabase,
  runningEmbeddedUrl,
  startEmbeddedPostgres,
} from '@/db/embedded';
import { env } from '@/lib/env';
import { freePort } from './processes';

export const DEV_DATABASE = 'shopfront';

/**
 * Runs `task` against the configured database: DATABASE_URL when set; otherwise the embedded
 * server of a running `npm run dev`; otherwise the embedded server started for the task and
 * stopped after it.
 */
export async function withDatabase<T>(task: (url: string) => Promise<T>): Promise<T> {
  const configured = env().DATABASE_URL;
  if (configured) return task(configured);

  const running = runningEmbeddedUrl(DEV_DATA_DIR, DEV_DATABASE);
  if (running) return task(running);

  const server = await startEmbeddedPostgres({
    dataDir: DEV_DATA_DIR,
    port: await freePort(),
    log: (line) => console.log(line),
  });
  try {
    await ensureDatabase(server.serverUrl, DEV_DATABASE);
    return await task(server.databaseUrl(DEV_DATABASE));
  } finally {
    if (server.isOwned) await server.stop();
  }
}

/** The URL's host, port and database, without the password: safe to print. */
export function describeDatabase(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}
