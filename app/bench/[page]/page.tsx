import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { areBenchRoutesEnabled } from '@/lib/platform/bench-routes';

// Bench baseline: the framework's own limit for a page. A static page of filler text, about as
// many HTML bytes as the home page, served from Next's page cache like the catalogue.
//
// Rendered on its first request rather than at build time, so BENCH_ROUTES is read when the
// server runs (a build-time prerender would bake the build's setting in; a check in proxy.ts would
// run code on every request, which the catalogue pages never do). Then cached like any static page
// (in memory only: next.config.ts isrFlushToDisk), so a server started without BENCH_ROUTES
// answers 404.

// tests/bench/scenarios/storefront.ts requests /bench/static-page; any other name is a 404.
const BENCH_PAGE = 'static-page';

/** Tuned so the page's HTML (markup and its RSC payload) is about the size of the home page's. */
const PARAGRAPHS = 37;

// As the home page's, so both answer with the same cache headers and are regenerated alike.
export const revalidate = 300;
export const dynamicParams = true;

export function generateStaticParams(): Array<{ page: string }> {
  return [];
}

export const metadata: Metadata = { title: 'Bench page', robots: { index: false } };

export default async function BenchPage({ params }: { params: Promise<{ page: string }> }) {
  const { page } = await params;
  if (!areBenchRoutesEnabled() || page !== BENCH_PAGE) notFound();
  return (
    <main className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-2xl font-semibold">Bench page</h1>
      {Array.from({ length: PARAGRAPHS }, (_, i) => (
        <p key={i} className="mt-4 text-muted">
          Paragraph {i + 1}. Filler text of about the length of a product card&apos;s copy, so this
          page weighs what the home page weighs: a mug, a bowl, a lamp, a linen towel, each made
          slowly by people who care about the work, glazed and fired and packed by hand, shipped in
          recycled paper, with a note about its care and where it came from.
        </p>
      ))}
    </main>
  );
}
