import { db } from '@/db/client';
import { env } from '@/lib/env';
import { csvRow } from './csv';

// Rows per round trip: large enough to be fast, small enough that memory stays flat.
const BATCH = 2000;

/**
 * A query's rows as CSV, streamed from a server-side cursor: a million rows go out in batches and
 * the process holds one batch at a time. The stream pulls the next batch only when the client has
 * taken the last one. `query` is what Drizzle's `.toSQL()` gives; `line` turns one row (its
 * values, in the select's order) into one CSV line.
 *
 * The cursor keeps one pool connection for itself until the last row, so a client that stops
 * reading would keep it forever (a few stalled downloads empty the pool and the store stops
 * answering). When nothing is pulled for `stallSeconds` the export ends with an error and the
 * connection goes back; a client that is reading, however slowly, keeps pulling.
 */
export function csvStream(
  query: { sql: string; params: unknown[] },
  header: string[],
  line: (row: unknown[]) => string,
  { stallSeconds = env().CSV_EXPORT_STALL_SECONDS }: { stallSeconds?: number } = {},
): ReadableStream<Uint8Array> {
  // Drizzle builds the query; postgres.js runs it as a cursor (Drizzle has no streaming API).
  const cursor = db()
    .$client.unsafe(query.sql, query.params as never[])
    .values()
    .cursor(BATCH)
    [Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let isHeaderSent = false;
  let stall: ReturnType<typeof setTimeout> | undefined;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      clearTimeout(stall);
      if (!isHeaderSent) {
        isHeaderSent = true;
        controller.enqueue(encoder.encode(csvRow(header)));
      } else {
        const next = await cursor.next();
        if (next.done) {
          controller.close();
          return;
        }
        let chunk = '';
        for (const row of next.value as unknown[][]) chunk += line(row);
        controller.enqueue(encoder.encode(chunk));
      }
      stall = setTimeout(() => {
        controller.error(new Error(`CSV export: the client took nothing for ${stallSeconds} s`));
        void cursor.return?.();
      }, stallSeconds * 1000);
    },
    async cancel() {
      clearTimeout(stall);
      await cursor.return?.();
    },
  });
}

/** The download of a CSV stream: "<name>-<today>.csv", never cached, never sniffed as HTML. */
export function csvDownload(stream: ReadableStream<Uint8Array>, name: string): Response {
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}-${date}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
