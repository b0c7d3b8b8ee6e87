import { gzipSync } from 'node:zlib';
import { load, type LoadResult } from '../load';
import type { BenchStack } from '../stack';
import { check } from '../verdict';

export interface StorefrontResults {
  connections: number;
  seconds: number;
  staticFile: LoadResult;
  /** A static file with the home page's exact bytes. */
  staticHomeCopy: LoadResult;
  /** A trivial static Next page of about the home page's size: the framework's limit for a page. */
  trivialPage: LoadResult;
  home: LoadResult;
  product: LoadResult;
  /** HTML bytes of each page, as served. */
  htmlBytes: { staticHomeCopy: number; trivialPage: number; home: number; product: number };
  /** gzip bytes of the JavaScript a first visit downloads. */
  firstLoadJs: { home: number; product: number };
}

const PAGES = {
  home: '/',
  product: '/products/stoneware-mug',
  staticFile: '/products/stoneware-mug.svg',
  staticHomeCopy: '/bench-home.html',
  trivialPage: '/bench/static-page',
};

const WARM_UP_REQUESTS = 2000;
/** Each page is measured this many times, `seconds / ROUNDS` each, in turn with the others. */
const ROUNDS = 3;

/** How far the trivial page's size may be from the home page's for the comparison to hold. */
const SIZE_TOLERANCE = 0.1;

/**
 * e. Home and a product page against a trivial static page of the same size and a static file,
 *    served by the same server, and First Load JS.
 */
export async function runStorefrontScenario(
  stack: BenchStack,
  seconds: number,
): Promise<StorefrontResults> {
  const connections = 20;
  const run = (path: string) =>
    load({
      url: `${stack.url}${path}`,
      connections,
      durationSeconds: Math.max(1, Math.round(seconds / ROUNDS)),
    });
  // Warm each route once (first render compiles nothing in production, but fills the data cache).
  for (const path of Object.values(PAGES)) await fetch(`${stack.url}${path}`);
  // Then under load, unmeasured: otherwise the page measured first runs Next's page-cache path
  // before the JIT has optimised it and the pages after it look faster than it.
  for (const path of Object.values(PAGES)) {
    await load({ url: `${stack.url}${path}`, connections, amount: WARM_UP_REQUESTS });
  }
  const htmlBytes = {
    staticHomeCopy: Buffer.byteLength(
      await (await fetch(`${stack.url}${PAGES.staticHomeCopy}`)).text(),
    ),
    trivialPage: await pageBytes(stack, PAGES.trivialPage),
    home: await pageBytes(stack, PAGES.home),
    product: await pageBytes(stack, PAGES.product),
  };
  check(
    `storefront: the trivial page is within ${SIZE_TOLERANCE * 100}% of the home page's size`,
    Math.abs(htmlBytes.trivialPage / htmlBytes.home - 1) <= SIZE_TOLERANCE,
    `${htmlBytes.trivialPage} bytes against ${htmlBytes.home}`,
  );
  // In rounds, each page in turn, and the median round kept: the cores are shared with other
  // work whose load comes and goes, and one run per page would compare different moments.
  const rounds: Record<keyof typeof PAGES, LoadResult[]> = {
    home: [],
    product: [],
    staticFile: [],
    staticHomeCopy: [],
    trivialPage: [],
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, path] of Object.entries(PAGES) as Array<[keyof typeof PAGES, string]>) {
      rounds[name].push(await run(path));
    }
  }
  const staticFile = medianRound(rounds.staticFile);
  const staticHomeCopy = medianRound(rounds.staticHomeCopy);
  const trivialPage = medianRound(rounds.trivialPage);
  const home = medianRound(rounds.home);
  const product = medianRound(rounds.product);
  for (const [name, result] of Object.entries({
    staticFile,
    staticHomeCopy,
    trivialPage,
    home,
    product,
  })) {
    check(
      `storefront ${name}: every response 2xx`,
      result.non2xx === 0 && result.errors === 0,
      `${result.non2xx} non-2xx, ${result.errors} errors`,
    );
  }
  return {
    connections,
    seconds,
    staticFile,
    staticHomeCopy,
    trivialPage,
    home,
    product,
    htmlBytes,
    firstLoadJs: {
      home: await firstLoadJs(stack, PAGES.home),
      product: await firstLoadJs(stack, PAGES.product),
    },
  };
}

/** The round with the median throughput, its requests the sum of every round's. */
function medianRound(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.throughput - b.throughput);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return {
    ...median,
    requests: results.reduce((sum, result) => sum + result.requests, 0),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
  };
}

/** The page's HTML bytes; checks it is served from Next's page cache (prerendered, not rendered). */
async function pageBytes(stack: BenchStack, path: string): Promise<number> {
  const response = await fetch(`${stack.url}${path}`);
  const cache = response.headers.get('x-nextjs-cache');
  check(
    `storefront ${path}: served from the page cache`,
    cache === 'HIT' || cache === 'STALE',
    `x-nextjs-cache: ${cache}`,
  );
  return Buffer.byteLength(await response.text());
}

/** Sums the gzip size of every script the page's HTML loads: what a first visit downloads. */
async function firstLoadJs(stack: BenchStack, path: string): Promise<number> {
  const html = await (await fetch(`${stack.url}${path}`)).text();
  // noModule scripts are polyfills that modern browsers neither download nor run.
  const tags = [...html.matchAll(/<script[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => !/\bnomodule\b/i.test(tag));
  const sources = new Set(tags.flatMap((tag) => /\bsrc="([^"]+\.js[^"]*)"/.exec(tag)?.[1] ?? []));
  let total = 0;
  for (const source of sources) {
    const body = Buffer.from(await (await fetch(new URL(source, stack.url))).arrayBuffer());
    total += gzipSync(body, { level: 9 }).length;
  }
  return total;
}
