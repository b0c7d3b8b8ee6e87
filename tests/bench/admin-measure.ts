// What the admin benchmarks (npm run bench:admin) share: timing a query, streaming an export while
// sampling the process's memory, the machine line, and rewriting a section of docs/BENCHMARKS.md.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import * as prettier from 'prettier';

export const RUNS = Number(process.env.BENCH_ADMIN_RUNS ?? 25);
export const TARGET_QUERY_MS = 50;
export const TARGET_ROWS_PER_SECOND = 50_000;
export const TARGET_RSS_MB = 300;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The median of RUNS timed runs, after one warm-up run (plan cache and buffers). */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

export interface ExportMeasure {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  rssBeforeMb: number;
  rssMb: number;
}

/** Reads a whole CSV stream as a client would, counting rows and sampling peak RSS every 20 ms. */
export async function measureExport(stream: ReadableStream<Uint8Array>): Promise<ExportMeasure> {
  const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const start = performance.now();
  let rows = -1; // the header line
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) rows++;
  }
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return {
    rows,
    bytes,
    seconds,
    rowsPerSecond: rows / seconds,
    rssBeforeMb,
    rssMb: peakRss / 1024 / 1024,
  };
}

export const verdict = (ok: boolean) => (ok ? 'yes' : '**no**');

/** "Run of <date> on <cores> (<cpu>), <GiB>, Node, PostgreSQL": where and when the numbers came from. */
export function machine(postgresVersion: string): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = Math.round(os.totalmem() / 1024 ** 3);
  return `Run of ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${cpu}), ${memory} GiB, Node ${process.version}, PostgreSQL ${postgresVersion}`;
}

/** The export's rows of a results table, beside their targets. */
export function exportTable(title: string, csv: ExportMeasure): string[] {
  return [
    `| ${title} | value | target | met |`,
    '|---|---:|---:|:---:|',
    `| rows | ${csv.rows.toLocaleString('en-US')} | | |`,
    `| seconds | ${csv.seconds.toFixed(1)} | | |`,
    `| rows/s | ${Math.round(csv.rowsPerSecond).toLocaleString('en-US')} | > ${TARGET_ROWS_PER_SECOND.toLocaleString('en-US')} | ${verdict(csv.rowsPerSecond > TARGET_ROWS_PER_SECOND)} |`,
    `| process RSS before the export (MB) | ${csv.rssBeforeMb.toFixed(0)} | | |`,
    `| process peak RSS during the export (MB) | ${csv.rssMb.toFixed(0)} | < ${TARGET_RSS_MB} | ${verdict(csv.rssMb < TARGET_RSS_MB)} |`,
  ];
}

/**
 * Rewrites the block between `<!-- bench:<marker>:start -->` and its end in docs/BENCHMARKS.md,
 * leaving the rest of the file alone; a missing block is appended after `heading`.
 */
export async function writeSection(marker: string, table: string, heading: string): Promise<void> {
  const file = 'docs/BENCHMARKS.md';
  const start = `<!-- bench:${marker}:start -->`;
  const end = `<!-- bench:${marker}:end -->`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = '# Benchmarks\n';
  }
  const block = `${start}\n${table}\n${end}`;
  if (text.includes(start) && text.includes(end)) {
    text = text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block);
  } else {
    text = `${text.trimEnd()}\n\n${heading}\n\n${block}\n`;
  }
  // The repository's Prettier check covers Markdown: write the tables as it would.
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
  console.log(`Wrote the ${marker} section of ${file}`);
}
