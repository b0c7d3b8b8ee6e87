// @ts-check
/**
 * Next's incremental cache (the prerendered catalogue pages and the `unstable_cache` catalogue
 * reads) for any number of instances on one Postgres (next.config.ts `cacheHandler`).
 *
 * Entries stay where Next keeps them by default: in this process's memory, an LRU bounded by
 * `cacheMaxMemorySize`, over the build's prerendered pages (`isrFlushToDisk: false`, so made-up
 * slugs cannot fill the disk). What is shared is only *when each tag was last revalidated*: a
 * revalidateTag/updateTag on any instance upserts the tag into `cache_tag_revalidations` and
 * NOTIFYs; every instance then marks the tag in Next's own tag manifest, so its entries carrying
 * the tag are expired on their next read, exactly as a local revalidateTag would. A poll every
 * second catches what a notification missed (a dropped listen connection, a transaction pooler that
 * cannot LISTEN), so another instance sees a change within about a second in the worst case. Reads
 * never touch the database: only the first one waits for the instance's initial catch-up.
 *
 * Why not a library: @neshca/cache-handler (peer next < 15, unmaintained) and
 * @fortedigital/nextjs-cache-handler (its successor, next >= 16.1.5) store entries in Redis, which
 * neither a laptop nor our deployments run (npm registry, checked for issue 15). Whole pages in
 * Postgres would put a database round trip on every page view.
 *
 * Plain JavaScript because Next imports this file at run time as it is (not through its compiler).
 * It extends Next's default handler (FileSystemCache, internal to `next`, pinned in package.json):
 * that keeps the build's prerendered pages, the LRU and the tag checks Next's own. It reads
 * process.env directly: lib/env.ts (TypeScript) cannot be loaded here, and the production server
 * has already validated DATABASE_URL and DATABASE_PREPARE at start-up (instrumentation.ts).
 */
import nextFileSystemCache from 'next/dist/server/lib/incremental-cache/file-system-cache.js';
import postgres from 'postgres';

/** @type {typeof import('next/dist/server/lib/incremental-cache/file-system-cache').default} */
// Node's import gives the CommonJS exports object; Next's bundler (this file is also bundled
// into the proxy's chunk) gives its `default` export.
const FileSystemCache = nextFileSystemCache.default ?? nextFileSystemCache;

const CHANNEL = 'shopfront_cache_tags';
/** The bound on how late an instance learns of a revalidation when notifications fail. */
const POLL_INTERVAL_MS = 1_000;
/** A poll re-reads this far back, so a row whose commit lagged its timestamp is not skipped. */
const POLL_OVERLAP = '10 seconds';
/** How long the first read may wait for the initial catch-up before serving what it has. */
const FIRST_READ_WAIT_MS = 3_000;

/**
 * @typedef {{ expire?: number } | undefined} Durations Next's revalidation durations: undefined
 * expires at once (updateTag); `expire` seconds after the tag is marked stale (revalidateTag).
 */

/**
 * One per process, on globalThis: Next loads this file itself and also bundles a copy into the
 * proxy's chunk, and both must share one connection and one record of what was applied.
 * - `link`: the connection to the other instances, made by the first handler Next constructs at
 *   run time; null during `next build` (nothing to share, and every build worker would connect)
 *   and without DATABASE_URL (one process: Next's local behaviour).
 * - `applied`: tag → version (revalidated_at in µs) this process already applied or published.
 * - `newestVersion`: the newest version seen; each poll reads from a little before it.
 * @type {{
 *   link?: { sql: postgres.Sql, ready: Promise<void> } | null,
 *   applied: Map<string, string>,
 *   newestVersion: bigint,
 *   isPolling: boolean,
 *   isPollWanted: boolean,
 *   hasReportedFailure: boolean,
 *   tagManifests: Set<InstanceType<typeof FileSystemCache>>,
 * }}
 */
const state = (globalThis[Symbol.for('shopfront.cacheTags')] ??= {
  applied: new Map(),
  newestVersion: -1n,
  isPolling: false,
  isPollWanted: false,
  hasReportedFailure: false,
  tagManifests: new Set(),
});
// Next's own revalidateTag of the default handler, which only writes Next's tag manifest (every
// read checks its entry against it). Each copy of this file brings the manifest its copy of Next
// reads, so a revalidation from elsewhere is written to all of them.
state.tagManifests.add(Object.create(FileSystemCache.prototype));

function startSharing() {
  if (state.link !== undefined) return state.link;
  const url = process.env.DATABASE_URL;
  if (!url || process.env.NEXT_PHASE === 'phase-production-build') return (state.link = null);
  const sql = postgres(url, {
    max: 1,
    prepare: !['false', '0'].includes(process.env.DATABASE_PREPARE ?? ''),
    onnotice: () => {},
    connection: { application_name: 'shopfront-cache-tags' },
  });
  const ready = poll(sql);
  // The notification only rings the bell: the poll reads what changed, so nothing is applied twice
  // and nothing is lost between a reconnect and the next notification.
  sql
    .listen(
      CHANNEL,
      () => void poll(sql),
      () => void poll(sql),
    )
    .catch((error) => reportFailure('cannot LISTEN; polling every second instead', error));
  setInterval(() => void poll(sql), POLL_INTERVAL_MS).unref();
  state.link = { sql, ready: withTimeout(ready, FIRST_READ_WAIT_MS) };
  return state.link;
}

/** Applies every revalidation another instance published since the last poll (one at a time). */
async function poll(sql) {
  if (state.isPolling) {
    state.isPollWanted = true;
    return;
  }
  state.isPolling = true;
  try {
    do {
      state.isPollWanted = false;
      const rows = await sql`
        SELECT tag, expire_seconds,
               (extract(epoch FROM revalidated_at) * 1000000)::bigint::text AS version
        FROM cache_tag_revalidations
        WHERE ${state.newestVersion < 0n}
           OR revalidated_at > to_timestamp(${state.newestVersion.toString()}::bigint / 1000000.0)
                               - ${POLL_OVERLAP}::interval`;
      for (const row of rows) {
        const version = BigInt(row.version);
        if (version > state.newestVersion) state.newestVersion = version;
        if (state.applied.get(row.tag) === row.version) continue;
        state.applied.set(row.tag, row.version);
        // Marked at this process's "now", not the other instance's: an entry this instance stored
        // before hearing of the change may hold old rows, and clocks need not agree.
        for (const manifest of state.tagManifests) {
          await manifest.revalidateTag([row.tag], durationsOf(row.expire_seconds));
        }
      }
    } while (state.isPollWanted);
    state.hasReportedFailure = false;
  } catch (error) {
    reportFailure('cannot read cache_tag_revalidations', error);
  } finally {
    state.isPolling = false;
  }
}

/** Tells the other instances that `tags` were revalidated here (after marking them locally). */
async function publish(tags, durations) {
  const link = startSharing();
  if (!link || tags.length === 0) return;
  const expireSeconds = durations === undefined ? null : (durations.expire ?? null);
  try {
    const rows = await link.sql`
      INSERT INTO cache_tag_revalidations (tag, expire_seconds, revalidated_at)
      SELECT unnest(${link.sql.array(tags)}::text[]), ${expireSeconds}::double precision, now()
      ON CONFLICT (tag) DO UPDATE
        SET expire_seconds = excluded.expire_seconds, revalidated_at = excluded.revalidated_at
      RETURNING tag, (extract(epoch FROM revalidated_at) * 1000000)::bigint::text AS version`;
    // Already applied here by the local revalidateTag: the poll must not expire it a second time.
    for (const row of rows) state.applied.set(row.tag, row.version);
    await link.sql.notify(CHANNEL, '');
  } catch (error) {
    // The change itself is committed; the other instances miss it until their entries age out
    // (at most the pages' `revalidate`, 5 minutes). Failing the admin's save would not undo it.
    console.error(`[cache] could not publish the revalidation of ${tags.join(', ')}:`, error);
  }
}

/** @returns {Durations} */
function durationsOf(expireSeconds) {
  return expireSeconds === null ? undefined : { expire: Number(expireSeconds) };
}

function reportFailure(what, error) {
  if (state.hasReportedFailure) return;
  state.hasReportedFailure = true;
  console.error(`[cache] ${what}:`, error instanceof Error ? error.message : error);
}

/** Resolves when `promise` settles or after `ms`, whichever is first; never rejects. */
function withTimeout(promise, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    promise.finally(() => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

export default class SharedTagsCacheHandler extends FileSystemCache {
  /** @param {ConstructorParameters<typeof FileSystemCache>[0]} context */
  constructor(context) {
    super(context);
    startSharing();
  }

  /** @type {FileSystemCache['get']} */
  async get(...args) {
    // Until the first catch-up, the build's pages may predate a change another instance made.
    if (state.link) await state.link.ready;
    return super.get(...args);
  }

  /**
   * @param {string | string[]} tags
   * @param {Durations} durations
   */
  async revalidateTag(tags, durations) {
    const list = typeof tags === 'string' ? [tags] : tags;
    await super.revalidateTag(list, durations);
    await publish(list, durations);
  }
}
