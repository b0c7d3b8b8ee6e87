import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The one rule for every long-lived process our scripts and test harnesses start (`next dev`, the
 * standalone server, the emulator in its own process, the embedded Postgres): it never outlives
 * the process that started it, however that process ends.
 *
 * Two halves:
 * 1. The leash: a small guardian process, detached into a session of its own (so neither a closed
 *    terminal's SIGHUP nor a signal to our process group reaches it), reading a pipe from us. We
 *    tell it which pids or process groups we hold. When the pipe closes, we are gone (the kernel
 *    closes it even on SIGKILL; our children never inherit it, Node's pipes are close-on-exec),
 *    and it signals what we still held (the process's own shutdown signal, SIGKILL after
 *    GRACE_MS), then exits. A normal stop releases each process first, so it kills nothing.
 * 2. Watching our ancestors (`onAncestorsGone`): `npm run dev` is npm → sh → tsx → node, and
 *    killing npm alone leaves the rest running. The orchestrator notices its parent changed, or
 *    that a process between it and the package manager (npm included) ended, and stops cleanly.
 */

/** Time a held process gets after its shutdown signal before SIGKILL (Postgres: a fast shutdown). */
const GRACE_MS = 3_000;

// The guardian, run with `node -e` so it needs no loader and no file of its own. Protocol, one line
// each: `hold <pid> <process|group> <signal>` and `release <pid>`.
const GUARDIAN = `
const held = new Map();
let buffer = '';
for (const signal of ['SIGHUP', 'SIGINT']) process.on(signal, () => {});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let end = buffer.indexOf('\\n'); end >= 0; end = buffer.indexOf('\\n')) {
    const [verb, pid, kind, signal] = buffer.slice(0, end).split(' ');
    buffer = buffer.slice(end + 1);
    if (verb === 'hold') held.set(Number(pid), { target: kind === 'group' ? -pid : Number(pid), signal });
    if (verb === 'release') held.delete(Number(pid));
  }
});
const signalAll = (fixed) => {
  for (const [pid, { target, signal }] of held) {
    try { process.kill(target, fixed ?? signal); } catch { held.delete(pid); }
  }
};
const parentGone = () => {
  if (held.size === 0) process.exit(0);
  signalAll();
  const deadline = Date.now() + ${GRACE_MS};
  const poll = setInterval(() => {
    signalAll(0);
    if (held.size > 0 && Date.now() < deadline) return;
    signalAll('SIGKILL');
    clearInterval(poll);
    process.exit(0);
  }, 100);
};
process.stdin.on('end', parentGone);
process.stdin.on('error', parentGone);
`;

let guardian: ChildProcess | undefined;

function send(line: string): void {
  guardian ??= startGuardian();
  guardian.stdin?.write(`${line}\n`);
}

function startGuardian(): ChildProcess {
  const child = spawn(process.execPath, ['-e', GUARDIAN], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    // No NODE_OPTIONS: a test runner's or tsx's loaders would only slow it down.
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
  });
  // Neither the guardian nor its pipe keeps us alive; a guardian that died can hold nothing.
  child.unref();
  child.stdin?.on('error', () => {});
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return child;
}

export interface Held {
  pid: number;
  /** Stops watching it: call once it has exited, or once you have stopped it yourself. */
  release(): void;
}

/**
 * Leashes `pid` to this process: if we end before releasing it, the guardian sends it `signal`
 * (SIGKILL after GRACE_MS). `group: true` signals its whole process group (spawn it `detached`).
 */
export function hold(
  pid: number,
  options: { group?: boolean; signal?: NodeJS.Signals } = {},
): Held {
  send(`hold ${pid} ${options.group ? 'group' : 'process'} ${options.signal ?? 'SIGTERM'}`);
  return { pid, release: () => send(`release ${pid}`) };
}

/** Holds a child for its lifetime: released when it exits by itself. */
export function holdChild(
  child: ChildProcess,
  options: { group?: boolean; signal?: NodeJS.Signals } = {},
): void {
  if (!child.pid) return;
  const held = hold(child.pid, options);
  child.once('exit', () => held.release());
}

/**
 * Calls `onGone` once, when the process that started us ends (our parent pid changes), or, under a
 * package manager (`npm run dev`), when any process between us and it, or it, ends. Linux reads
 * /proc; elsewhere only the parent is watched.
 */
export function onAncestorsGone(onGone: () => void): void {
  const parent = process.ppid;
  const watched = ancestorsToWatch();
  const timer = setInterval(() => {
    const isGone =
      process.ppid !== parent || watched.some((a) => startTimeOf(a.pid) !== a.startTime);
    if (!isGone) return;
    clearInterval(timer);
    onGone();
  }, 500);
  timer.unref();
}

interface Ancestor {
  pid: number;
  startTime: string;
}

// The processes a package manager started for this script carry its npm_lifecycle_event in their
// environment (sh, tsx); the package manager itself does not. Watch up to and including it, no
// further: a `nohup npm run dev &` must outlive the shell that started it.
function ancestorsToWatch(): Ancestor[] {
  const event = process.env.npm_lifecycle_event;
  const chain: Ancestor[] = [];
  let pid = process.ppid;
  while (pid > 1 && chain.length < 8) {
    const stat = readStat(pid);
    if (!stat) break;
    chain.push({ pid, startTime: stat.startTime });
    if (!event || lifecycleEventOf(pid) !== event) break;
    pid = stat.ppid;
  }
  return chain;
}

// /proc/<pid>/stat: fields after the command name (which may hold spaces) start at field 3;
// field 4 is the parent pid, field 22 the start time, which tells a reused pid apart.
function readStat(pid: number): { ppid: number; startTime: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), startTime: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

function startTimeOf(pid: number): string | undefined {
  return readStat(pid)?.startTime;
}

function lifecycleEventOf(pid: number): string | undefined {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    const entry = environ.find((line) => line.startsWith('npm_lifecycle_event='));
    return entry?.slice('npm_lifecycle_event='.length);
  } catch {
    return undefined;
  }
}
