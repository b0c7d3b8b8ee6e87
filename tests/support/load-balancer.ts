import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { waitForHttp } from '@/scripts/processes';
import { stopChild } from '@/tests/support/store-server';

/** Debian's nginx (`apt-get install nginx`; .ci/run installs it), or undefined. */
export function findNginx(): string | undefined {
  return [process.env.NGINX_PATH, '/usr/sbin/nginx', '/usr/bin/nginx'].find(
    (candidate): candidate is string => Boolean(candidate && existsSync(candidate)),
  );
}

export interface LoadBalancer {
  url: string;
  pid: number;
  /** nginx's error log so far: which upstream failed, and what it retried. */
  errorLog(): string;
  stop(): Promise<void>;
}

/**
 * The nginx in front of several `npm start` instances, as README "Several instances" configures
 * it, run as the current user from a temporary directory (its config, pid, logs and temp files),
 * in the foreground so it is stopped by its pid.
 */
export async function startLoadBalancer(
  nginx: string,
  port: number,
  upstreamUrls: string[],
): Promise<LoadBalancer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'shopfront-nginx-'));
  const errorLog = path.join(dir, 'error.log');
  writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, port, upstreamUrls));
  const child = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', errorLog], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const balancer: LoadBalancer = {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    errorLog: () => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : ''),
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await Promise.race([
      waitForHttp(`${balancer.url}/api/health`, 20_000),
      once(child, 'exit').then(([code]) => {
        throw new Error(`nginx exited with code ${code}:\n${output}${balancer.errorLog()}`);
      }),
    ]);
  } catch (error) {
    await balancer.stop();
    throw error;
  }
  return balancer;
}

function nginxConfig(dir: string, port: number, upstreamUrls: string[]): string {
  const temp = (name: string) => path.join(dir, name);
  // As root, nginx would hand its workers to `nobody`, who cannot use this directory.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};` : '';
  return `
${user}
daemon off;
worker_processes 1;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${temp('client_body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
${upstreamBlock(upstreamUrls)}
  server {
    listen 127.0.0.1:${port};
${proxyLocation}
  }
}
`;
}

function upstreamBlock(upstreamUrls: string[]): string {
  const servers = upstreamUrls
    .map((url) => `    server ${new URL(url).host} max_fails=1 fail_timeout=10s;`)
    .join('\n');
  return `  upstream shopfront {\n${servers}\n  }`;
}

// The location block README "Several instances" shows (keep the two alike).
const proxyLocation = `    location / {
      proxy_pass http://shopfront;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_connect_timeout 2s;
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_next_upstream_tries 2;
    }`;
