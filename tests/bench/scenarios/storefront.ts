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
  home: LoadResult;
  product: LoadResult;
  /** gzip bytes of the JavaScript a first visit downloads. */
  firstLoadJs: { home: number; product: number };
}

const PAGES = {
  home: '/',
  product: '/products/stoneware-mug',
  staticFile: '/products/stoneware-mug.svg',
  staticHomeCopy: '/bench-home.html',
};

/** e. Home and a product page against a static file served by the same server, and First Load JS. */
export async function runStorefrontScenario(
  stack: BenchStack,
  seconds: number,
): Promise<StorefrontResults> {
  const connections = 20;
  const run = (path: string) =>
    load({ url: `${stack.store.url}${path}`, connections, durationSeconds: seconds });
  // Warm each route once (first render compiles nothing in production, but fills the data cache).
  for (const path of Object.values(PAGES)) await fetch(`${stack.store.url}${path}`);
  const staticFile = await run(PAGES.staticFile);
  const staticHomeCopy = await run(PAGES.staticHomeCopy);
  const home = await run(PAGES.home);
  const product = await run(PAGES.product);
  for (const [name, result] of Object.entries({ staticFile, staticHomeCopy, home, product })) {
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
    home,
    product,
    firstLoadJs: {
      home: await firstLoadJs(stack, PAGES.home),
      product: await firstLoadJs(stack, PAGES.product),
    },
  };
}

/** Sums the gzip size of every script the page's HTML loads: what a first visit downloads. */
async function firstLoadJs(stack: BenchStack, path: string): Promise<number> {
  const html = await (await fetch(`${stack.store.url}${path}`)).text();
  // noModule scripts are polyfills that modern browsers neither download nor run.
  const tags = [...html.matchAll(/<script[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => !/\bnomodule\b/i.test(tag));
  const sources = new Set(tags.flatMap((tag) => /\bsrc="([^"]+\.js[^"]*)"/.exec(tag)?.[1] ?? []));
  let total = 0;
  for (const source of sources) {
    const body = Buffer.from(await (await fetch(new URL(source, stack.store.url))).arrayBuffer());
    total += gzipSync(body, { level: 9 }).length;
  }
  return total;
}
