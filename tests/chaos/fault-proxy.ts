import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy did to webhook deliveries on their way to the store. */
export interface ProxyTally {
  requests: number;
  /** First attempts answered 500 without reaching the store. */
  failedUnsent: number;
  /** First attempts the store processed, answered 500 anyway (the reply "lost" on the way back). */
  failedAfterProcessing: number;
  delayed: number;
  /** The store was down (killed, restarting): answered 502, as a load balancer would. */
  storeUnreachable: number;
}

export interface FaultProxy {
  url: string;
  tally: ProxyTally;
  close(): Promise<void>;
}

/**
 * Sits between the emulator and the store: for 20% of events the first attempt is answered 500
 * (half without forwarding, half after the store processed it), some deliveries are held up to
 * 1.5 s, and a store that is down answers 502. Everything else is passed through untouched.
 */
export async function startFaultProxy(
  port: number,
  target: () => string,
  random: () => number,
): Promise<FaultProxy> {
  const seen = new Set<string>();
  const tally: ProxyTally = {
    requests: 0,
    failedUnsent: 0,
    failedAfterProcessing: 0,
    delayed: 0,
    storeUnreachable: 0,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      tally.requests++;
      const body = Buffer.concat(chunks);
      const eventId = /"id":\s*"(evt_[^"]+)"/.exec(body.toString('utf8'))?.[1] ?? '';
      const isFirst = eventId !== '' && !seen.has(eventId);
      seen.add(eventId);
      const roll = random();
      if (isFirst && roll < 0.1) {
        tally.failedUnsent++;
        res.writeHead(500).end('chaos: first attempt failed');
        return;
      }
      const answerFailed = isFirst && roll < 0.2;
      const delay = random() < 0.15 ? Math.floor(random() * 1500) : 0;
      if (delay > 0) tally.delayed++;
      const headers = { ...req.headers };
      delete headers.host;
      setTimeout(() => {
        const forward = httpRequest(
          `${target()}${req.url}`,
          { method: 'POST', headers },
          (response) => {
            const answer: Buffer[] = [];
            response.on('data', (chunk: Buffer) => answer.push(chunk));
            response.on('end', () => {
              if (answerFailed) {
                tally.failedAfterProcessing++;
                res.writeHead(500).end('chaos: the reply was lost');
              } else {
                res.writeHead(response.statusCode ?? 502).end(Buffer.concat(answer));
              }
            });
            response.on('error', () => res.writeHead(502).end());
          },
        );
        forward.on('error', () => {
          tally.storeUnreachable++;
          if (!res.headersSent) res.writeHead(502).end('chaos: store unreachable');
        });
        forward.end(body);
      }, delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    tally,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
