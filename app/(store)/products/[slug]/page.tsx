import type { Metadata } from 'next';
import Image from 'next/image';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AddToCartForm } from '@/components/add-to-cart-form';
import { StockBadge } from '@/components/stock-badge';
import { SubscribeForm } from '@/components/subscribe-form';
import { MAX_QUANTITY } from '@/lib/cart/lines';
import { findActiveProduct, priceLabel, stockState } from '@/lib/catalogue/queries';

interface ProductPageProps {
  params: Promise<{ slug: string }>;
}

// Each product page is rendered on its first request, then served statically until the catalogue
// changes (CATALOGUE_TAG) or 5 minutes pass.
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): Array<{ slug: string }> {
  return [];
}

export async function generateMetadata({ params }: ProductPageProps): Promise<Metadata> {
  const product = await findActiveProduct((await params).slug);
  return product ? { title: product.name, description: product.description.slice(0, 160) } : {};
}

export default async function ProductPage({ params }: ProductPageProps) {
  const product = await findActiveProduct((await params).slug);
  if (!product) notFound();
  const isSoldOut = stockState(product.stock).kind === 'sold_out';

  return (
    <article className="grid gap-8 md:grid-cols-2 md:gap-12">
      <div className="aspect-square overflow-hidden rounded-xl border border-line bg-white">
        {product.image ? (
          <Image
            src={product.image}
            alt={product.name}
            width={800}
            height={800}
            sizes="(min-width: 768px) 50vw, 100vw"
            priority
            className="h-full w-full object-cover"
          />
        ) : null}
      </div>
      <div className="flex flex-col">
        <nav aria-label="Breadcrumb" className="text-sm text-muted">
          <Link href="/" className="hover:underline">
            All products
          </Link>
        </nav>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight">{product.name}</h1>
        <p className="mt-4 text-2xl font-medium tabular-nums">{priceLabel(product)}</p>
        <StockBadge stock={product.stock} className="mt-2" />
        <p className="mt-6 leading-relaxed text-muted">{product.description}</p>
        <div className="mt-8">
          {product.recurringInterval ? (
            <SubscribeForm productId={product.id} returnPath={`/products/${product.slug}`} />
          ) : isSoldOut ? (
            <p className="font-medium text-danger">This product is sold out.</p>
          ) : (
            <AddToCartForm
              productId={product.id}
              maxQuantity={Math.min(product.stock ?? MAX_QUANTITY, MAX_QUANTITY)}
            />
          )}
        </div>
      </div>
    </article>
  );
}
