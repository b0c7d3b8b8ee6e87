import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { holdChild } from '@/scripts/leash';
import { waitForHttp } from '@/scripts/processes';

export interface StoreServer {
  url: string;
  pid: number;
  /** Output so far, for error messages when start-up fails. */
  output(): string;
  stop(): Promise<void>;
  /** Sends `signal` (SIGKILL: a crash, no shutdown at all) and resolves once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts the production build (`node .next/standalone/server.js`) on `port` and waits for health. */
export async function startStoreServer(
  port: number,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<StoreServer> {
  const child = spawn(process.execPath, [...nodeArgs, path.resolve('.next/standalone/server.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A crashed or killed test runner must not leave the server holding its port.
  holdChild(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const server: StoreServer = {
    url,
    pid: child.pid ?? 0,
    output: () => output,
    stop: () => stopChild(child),
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
  try {
    await Promise.race([
      waitForHttp(`${url}/api/health`, 60_000),
      once(child, 'exit').then(([code]) => {
        throw new Error(`the store exited with code ${code} during start-up:\n${output}`);
      }),
    ]);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** Stops a child by its pid: SIGTERM, then SIGKILL if it has not exited within 5 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(forced);
}
