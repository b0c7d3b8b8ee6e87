// As root, the embedded Postgres runs as the `postgres` user. In a folder that user cannot enter
// (a clone under /root, a 0700 temporary folder) it cannot start; `npm run dev` and the scripts
// that start it say so and why, instead of crashing with `spawn initdb EACCES`.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@/scripts/processes';

const run = promisify(execFile);
const privateDir = mkdtempSync(path.join(tmpdir(), 'shopfront-root-'));
chmodSync(privateDir, 0o700);

afterAll(() => rmSync(privateDir, { recursive: true, force: true }));

/** Runs a script with this 0700 folder as its project folder (so .data/ is inside it). */
async function script(file: string) {
  const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
  try {
    await run(
      process.execPath,
      [tsx, '--tsconfig', path.resolve('tsconfig.json'), path.resolve(file)],
      {
        cwd: privateDir,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NODE_ENV: 'development',
          PORT: String(await freePort()),
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    return { code: 0, output: '' };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

function postgresProcessesIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

// Only root meets this case (the embedded server hands initdb to the `postgres` user only when
// run as root); as any other user the folder is its own and nothing is refused. CI runs as root.
describe.skipIf(process.getuid?.() !== 0)('the embedded Postgres as root, in a 0700 folder', () => {
  it.each(['scripts/dev.ts', 'scripts/db-seed.ts'])(
    '%s stops at once and says why and what to do',
    { timeout: 90_000 },
    async (file) => {
      const { code, output } = await script(file);

      expect(code).toBe(1);
      expect(output).toContain(`the "postgres" user, and that user cannot reach ${privateDir}`);
      expect(output).toContain('set DATABASE_URL');
      expect(output).not.toContain('EACCES');
      expect(output).not.toMatch(/^\s+at /m);
      expect(postgresProcessesIn(privateDir)).toEqual([]);
    },
  );
});
