import type { Metadata } from 'next';
import Link from 'next/link';
import { ProductForm } from '@/components/admin/product-form';
import { productImages } from '@/lib/catalogue/edit';
import { requireAdmin } from '@/lib/auth/auth';
import { env } from '@/lib/env';
import { createProductAction } from '@/lib/catalogue/admin-actions';

export const metadata: Metadata = { title: 'New product' };

export default async function NewProductPage() {
  await requireAdmin();
  return (
    <div className="flex flex-col gap-4">
      <Link href="/admin/products" className="text-sm text-muted hover:underline">
        ← Products
      </Link>
      <h1 className="text-xl font-semibold">New product</h1>
      <ProductForm
        action={createProductAction}
        images={await productImages()}
        defaultCurrency={env().STORE_CURRENCY}
      />
    </div>
  );
}
