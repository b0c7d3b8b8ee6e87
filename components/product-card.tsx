import Image from 'next/image';
import Link from 'next/link';
import { priceLabel, type CatalogueProduct } from '@/lib/catalogue/queries';
import { StockBadge } from './stock-badge';

export function ProductCard({
  product,
  isPriority,
}: {
  product: CatalogueProduct;
  isPriority: boolean;
}) {
  return (
    <li className="group">
      <Link
        href={`/products/${product.slug}`}
        className="block rounded-lg focus-visible:outline-offset-4"
      >
        <div className="aspect-square overflow-hidden rounded-lg border border-line bg-white">
          {product.image ? (
            <Image
              src={product.image}
              alt={product.name}
              width={800}
              height={800}
              sizes="(min-width: 1024px) 280px, (min-width: 640px) 45vw, 90vw"
              priority={isPriority}
              className="h-full w-full object-cover transition-transform duration-300 group-hover:scale-[1.02]"
            />
          ) : null}
        </div>
        <div className="mt-3 flex items-start justify-between gap-3">
          <h2 className="font-medium leading-snug">{product.name}</h2>
          <p className="shrink-0 font-medium tabular-nums">{priceLabel(product)}</p>
        </div>
        <StockBadge stock={product.stock} className="mt-1" />
      </Link>
    </li>
  );
}
