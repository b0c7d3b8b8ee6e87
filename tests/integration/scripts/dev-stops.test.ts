// `npm run dev` never leaves anything behind: however it ends (its terminal closed, npm killed, the
// orchestrator killed), within 10 s no process it started is alive and no port it opened listens.
// Each test starts the real `npm run dev` in this project (its own .data/postgres, `next dev` on a
// free port), so none of them may run beside a developer's own `npm run dev` here.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, isPortFree } from '@/scripts/processes';

const START_TIMEOUT_MS = 180_000;
const STOP_WITHIN_MS = 10_000;

interface RunningDev {
  npm: ChildProcess;
  output(): string;
  /** Every process under npm once the store answered: sh, tsx, node, next, Postgres, the leash. */
  pids: number[];
  orchestratorPid: number;
  ports: number[];
}

let started: RunningDev | undefined;

afterEach(() => {
  if (!started) return;
  // Whatever a failed test left: by pid, never by name.
  const leftovers = new Set([...started.pids, ...descendantsOf(started.npm.pid!)]);
  for (const pid of leftovers) signal(pid, 'SIGKILL');
  started = undefined;
});

async function startDev(): Promise<RunningDev> {
  const port = await freePort();
  const emulatorPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    STRIPE_EMULATOR_PORT: String(emulatorPort),
  };
  // The embedded Postgres and the emulator are what must stop, so none of the run's own.
  for (const name of [
    'DATABASE_URL',
    'STRIPE_SECRET_KEY',
    'STRIPE_API_BASE',
    'STRIPE_WEBHOOK_SECRET',
  ])
    delete env[name];
  // Its own process group, as a terminal's job would be: SIGHUP to the group is a closed terminal.
  const npm = spawn('npm', ['run', 'dev'], {
    cwd: path.resolve('.'),
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const dev: RunningDev = {
    npm,
    output: () => output,
    pids: [npm.pid!],
    orchestratorPid: 0,
    ports: [port, emulatorPort],
  };
  started = dev;

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!output.includes('Shopfront is running at')) {
    if (npm.exitCode !== null) throw new Error(`npm run dev exited during start-up:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm run dev did not start:\n${output}`);
    await sleep(250);
  }
  dev.pids = descendantsOf(npm.pid!);
  // tsx runs the script in a node of its own, started with tsx's loader.
  const isOrchestrator = (pid: number) => /preflight\.cjs.* scripts\/dev\.ts/.test(commandOf(pid));
  dev.orchestratorPid = dev.pids.find(isOrchestrator) ?? 0;
  const postgresPort = /Postgres: embedded, .* on port (\d+)/.exec(output)?.[1];
  if (postgresPort) dev.ports.push(Number(postgresPort));
  return dev;
}

/** Resolves once none of the processes is alive and none of the ports listens; else throws. */
async function expectAllGone(dev: RunningDev): Promise<void> {
  const deadline = Date.now() + STOP_WITHIN_MS;
  let alive: number[] = [];
  let listening: number[] = [];
  do {
    await sleep(250);
    alive = dev.pids.filter(isAlive);
    listening = [];
    for (const port of dev.ports) if (!(await isPortFree(port))) listening.push(port);
    if (alive.length === 0 && listening.length === 0) return;
  } while (Date.now() < deadline);
  const described = alive.map((pid) => `${pid} ${commandOf(pid).slice(0, 100)}`);
  expect({ alive: described, listening }).toEqual({ alive: [], listening: [] });
}

describe('npm run dev stops everything it started', () => {
  it('when npm itself is killed (SIGKILL)', { timeout: START_TIMEOUT_MS + 30_000 }, async () => {
    const dev = await startDev();
    expect(dev.ports).toHaveLength(3);
    expect(dev.pids.some((pid) => commandOf(pid).includes('next'))).toBe(true);

    signal(dev.npm.pid!, 'SIGKILL');

    await expectAllGone(dev);
  });

  it(
    'when the orchestrator is killed (SIGKILL)',
    { timeout: START_TIMEOUT_MS + 30_000 },
    async () => {
      const dev = await startDev();
      expect(dev.orchestratorPid).toBeGreaterThan(0);

      signal(dev.orchestratorPid, 'SIGKILL');

      await expectAllGone(dev);
    },
  );

  it(
    'when its terminal closes (SIGHUP to the process group)',
    { timeout: START_TIMEOUT_MS + 30_000 },
    async () => {
      const dev = await startDev();

      signal(-dev.npm.pid!, 'SIGHUP');

      await expectAllGone(dev);
    },
  );
});

// /proc/<pid>/stat's field 4 is the parent pid; the command name may hold spaces and parentheses.
function descendantsOf(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parentOf.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Ended while we looked.
    }
  }
  const found = [root];
  for (let i = 0; i < found.length; i++)
    for (const [pid, parent] of parentOf) if (parent === found[i]) found.push(pid);
  return found;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    // A zombie has ended; only its parent has yet to collect it.
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
