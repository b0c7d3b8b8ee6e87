import { ProductCard } from '@/components/product-card';
import { listActiveProducts } from '@/lib/catalogue/queries';
import { storeName } from '@/lib/platform/store-settings';

// Static, regenerated when the catalogue changes (CATALOGUE_TAG) and at most every 5 minutes.
export const revalidate = 300;

export default async function HomePage() {
  const products = await listActiveProducts();
  return (
    <>
      <section className="mb-10 max-w-2xl">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">{storeName()}</h1>
        <p className="mt-3 text-lg text-muted">
          Well-made goods for the kitchen and home, chosen to be used every day for years.
        </p>
      </section>
      {products.length === 0 ? (
        <p className="rounded-lg border border-line bg-white p-8 text-center text-muted">
          Nothing is for sale right now. Please check back soon.
        </p>
      ) : (
        <ul
          aria-label="Products"
          className="grid grid-cols-1 gap-x-6 gap-y-10 sm:grid-cols-2 lg:grid-cols-4"
        >
          {products.map((product, index) => (
            <ProductCard key={product.id} product={product} isPriority={index < 4} />
          ))}
        </ul>
      )}
    </>
  );
}
