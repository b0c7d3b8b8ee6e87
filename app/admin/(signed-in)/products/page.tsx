import type { Metadata } from 'next';
import Link from 'next/link';
import { priceLabel } from '@/lib/catalogue/queries';
import { Badge } from '@/components/admin/badge';
import { DataTable, EmptyRow } from '@/components/admin/data-table';
import { listProducts } from '@/lib/catalogue/edit';
import { requireAdmin } from '@/lib/auth/auth';

export const metadata: Metadata = { title: 'Products' };

export default async function ProductsPage() {
  await requireAdmin();
  const products = await listProducts();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">Products</h1>
        <Link
          href="/admin/products/new"
          className="rounded-md bg-accent px-3 py-2 text-sm font-medium text-white hover:bg-accent-strong"
        >
          New product
        </Link>
      </div>
      <DataTable caption="Products">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Slug</th>
            <th scope="col" className="!text-right">
              Price
            </th>
            <th scope="col" className="!text-right">
              Stock
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {products.length === 0 ? <EmptyRow columns={5}>No products yet.</EmptyRow> : null}
          {products.map((product) => (
            <tr key={product.id}>
              <td>
                <Link
                  href={`/admin/products/${product.id}`}
                  className="font-medium underline-offset-2 hover:underline"
                >
                  {product.name}
                </Link>
              </td>
              <td className="text-muted">{product.slug}</td>
              <td className="text-right tabular-nums">{priceLabel(product)}</td>
              <td className="text-right tabular-nums">{product.stock ?? 'Unlimited'}</td>
              <td>
                {product.active ? (
                  <Badge tone="good">On sale</Badge>
                ) : (
                  <Badge tone="neutral">Archived</Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
