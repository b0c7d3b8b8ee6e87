import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArchiveProductForm } from '@/components/admin/archive-product-form';
import { Badge } from '@/components/admin/badge';
import { ProductForm } from '@/components/admin/product-form';
import { findProduct, productImages } from '@/lib/catalogue/edit';
import { requireAdmin } from '@/lib/auth/auth';
import { env } from '@/lib/env';
import { setProductActiveAction, updateProductAction } from '@/lib/catalogue/admin-actions';

export const metadata: Metadata = { title: 'Edit product' };

export default async function EditProductPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  await requireAdmin();
  const product = await findProduct((await params).id);
  if (!product) notFound();
  const isNew = (await searchParams).created === '1';
  return (
    <div className="flex flex-col gap-4">
      <Link href="/admin/products" className="text-sm text-muted hover:underline">
        ← Products
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{product.name}</h1>
        {product.active ? (
          <Badge tone="good">On sale</Badge>
        ) : (
          <Badge tone="neutral">Archived</Badge>
        )}
        {product.active ? (
          <Link href={`/products/${product.slug}`} className="text-sm underline underline-offset-2">
            View in store
          </Link>
        ) : null}
      </div>
      {isNew ? (
        <p
          role="status"
          className="rounded-md border border-accent/30 bg-accent/5 px-3 py-2 text-sm text-accent-strong"
        >
          Created {product.name}.
        </p>
      ) : null}
      <p className="text-sm text-muted">
        Changing the price affects new orders only: orders keep the price they were placed at.
      </p>
      <ProductForm
        action={updateProductAction}
        product={product}
        images={await productImages()}
        defaultCurrency={env().STORE_CURRENCY}
      />
      <section
        aria-labelledby="archive-heading"
        className="flex max-w-2xl flex-col gap-2 border-t border-line pt-4"
      >
        <h2 id="archive-heading" className="font-medium">
          {product.active ? 'Archive' : 'Restore'}
        </h2>
        <p className="text-sm text-muted">
          {product.active
            ? 'Archiving takes the product out of the store. Past orders keep it.'
            : 'Restoring puts the product back on sale.'}
        </p>
        <ArchiveProductForm
          action={setProductActiveAction}
          id={product.id}
          isActive={product.active}
        />
      </section>
    </div>
  );
}
