import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Image from 'next/image';
import Link from 'next/link';
import { CartChanged } from '@/components/cart-changed';
import { CheckoutForm, type ShipToChoice } from '@/components/checkout-form';
import { SubmitButton } from '@/components/submit-button';
import { MAX_QUANTITY } from '@/lib/cart/lines';
import { readCart } from '@/lib/cart/cookie';
import { describeProblem, priceCart, type PricedLine } from '@/lib/cart/pricing';
import { defaultShipTo } from '@/lib/cart/ship-to';
import { checkoutSizeRefusal, holdLimits } from '@/lib/checkout/holds';
import { cartShips } from '@/lib/checkout/offer';
import { countryName } from '@/lib/orders/postal-address';
import { allowedShippingCountries } from '@/lib/shipping/zones';
import { formatMoney } from '@/lib/money';
import { findProductsForCart } from '@/lib/catalogue/queries';
import { removeCartLine, updateCartLine } from '@/lib/cart/actions';

export const metadata: Metadata = { title: 'Cart' };

interface CartPageProps {
  searchParams: Promise<{ checkout?: string }>;
}

export default async function CartPage({ searchParams }: CartPageProps) {
  const { checkout } = await searchParams;
  const { cart, isValid } = await readCart();
  const priced = priceCart(
    cart,
    await findProductsForCart(cart.lines.map((line) => line.productId)),
  );
  const tooLarge = checkoutSizeRefusal(priced.itemCount, holdLimits());
  const shipTo = cartShips(priced) ? await shipToChoice() : null;
  const shipsNowhere = shipTo !== null && shipTo.countries.length === 0;

  return (
    <section aria-labelledby="cart-heading" className="mx-auto max-w-3xl">
      <CartChanged itemCount={priced.itemCount} />
      <h1 id="cart-heading" className="text-2xl font-semibold tracking-tight">
        Your cart
      </h1>
      {checkout === 'canceled' ? (
        <p role="status" className="mt-4 rounded-lg border border-line bg-white p-3 text-sm">
          Checkout canceled. Nothing was charged, and your cart is just as you left it.
        </p>
      ) : null}
      {!isValid ? (
        <p role="status" className="mt-4 rounded-lg border border-line bg-white p-3 text-sm">
          We couldn’t read your saved cart, so it has been emptied. Sorry about that.
        </p>
      ) : null}

      {priced.lines.length === 0 ? (
        <div className="mt-8 rounded-lg border border-line bg-white p-10 text-center">
          <p className="text-muted">Your cart is empty.</p>
          <Link
            href="/"
            className="mt-6 inline-block rounded-lg bg-accent px-5 py-2.5 font-medium text-white hover:bg-accent-strong"
          >
            Browse products
          </Link>
        </div>
      ) : (
        <>
          <ul
            aria-label="Items in your cart"
            className="mt-8 divide-y divide-line border-y border-line"
          >
            {priced.lines.map((line) => (
              <CartLineRow key={line.productId} line={line} />
            ))}
          </ul>
          <div className="mt-6 ml-auto flex max-w-sm flex-col gap-4">
            <dl className="flex items-baseline justify-between text-lg">
              <dt className="font-medium">Subtotal</dt>
              <dd className="font-semibold tabular-nums" data-testid="cart-subtotal">
                {priced.subtotal !== null && priced.currency
                  ? formatMoney(priced.subtotal, priced.currency)
                  : '—'}
              </dd>
            </dl>
            <p className="text-sm text-muted">You’ll pay securely on Stripe’s checkout page.</p>
            {tooLarge ? (
              <p className="text-sm font-medium text-warn" data-testid="cart-too-large">
                {tooLarge.message} {tooLarge.problems.join(' ')}
              </p>
            ) : null}
            {shipsNowhere ? (
              <p className="text-sm font-medium text-warn" data-testid="cart-ships-nowhere">
                We can’t ship goods anywhere at the moment, so this cart can’t be checked out.
              </p>
            ) : null}
            <CheckoutForm
              canCheckout={priced.canCheckout && !tooLarge && !shipsNowhere}
              shipTo={shipsNowhere ? null : shipTo}
            />
          </div>
        </>
      )}
    </section>
  );
}

/** The countries the store ships to, by name, with the browser's own country first choice. */
async function shipToChoice(): Promise<ShipToChoice> {
  const allowed = await allowedShippingCountries();
  const countries = allowed
    .map((code) => ({ code, name: countryName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const defaultCountry =
    defaultShipTo(
      (await headers()).get('accept-language'),
      countries.map((country) => country.code),
    ) ?? '';
  return { countries, defaultCountry };
}

function CartLineRow({ line }: { line: PricedLine }) {
  const { product } = line;
  const name = product?.name ?? 'A product that no longer exists';
  return (
    <li className="flex gap-4 py-5">
      <div className="h-20 w-20 shrink-0 overflow-hidden rounded-md border border-line bg-white">
        {product?.image ? (
          <Image src={product.image} alt="" width={80} height={80} className="h-full w-full" />
        ) : null}
      </div>
      <div className="flex flex-1 flex-col gap-2">
        <div className="flex items-start justify-between gap-4">
          <div>
            {product?.active ? (
              <Link href={`/products/${product.slug}`} className="font-medium hover:underline">
                {name}
              </Link>
            ) : (
              <span className="font-medium">{name}</span>
            )}
            {product ? (
              <p className="text-sm text-muted tabular-nums">
                {formatMoney(product.unitAmount, product.currency)} each
              </p>
            ) : null}
          </div>
          <p className="font-medium tabular-nums">
            {product ? formatMoney(line.lineTotal, product.currency) : null}
          </p>
        </div>
        {line.problem ? (
          <p className="text-sm font-medium text-warn">{describeProblem(name, line.problem)}</p>
        ) : null}
        <div className="flex flex-wrap items-end gap-3">
          {product?.active ? (
            <form action={updateCartLine} className="flex items-end gap-2">
              <input type="hidden" name="productId" value={line.productId} />
              <label className="flex flex-col text-sm">
                <span className="sr-only">Quantity of {name}</span>
                <input
                  type="number"
                  name="quantity"
                  defaultValue={line.quantity}
                  min={1}
                  max={MAX_QUANTITY}
                  required
                  className="w-20 rounded-lg border border-line bg-white px-3 py-1.5 tabular-nums"
                />
              </label>
              <SubmitButton
                pendingLabel="Updating…"
                aria-label={`Update quantity of ${name}`}
                className="rounded-lg border border-line bg-white px-3 py-1.5 text-sm hover:bg-paper"
              >
                Update
              </SubmitButton>
            </form>
          ) : null}
          <form action={removeCartLine}>
            <input type="hidden" name="productId" value={line.productId} />
            <SubmitButton
              pendingLabel="Removing…"
              aria-label={`Remove ${name}`}
              className="rounded-lg px-3 py-1.5 text-sm text-danger underline-offset-2 hover:underline"
            >
              Remove
            </SubmitButton>
          </form>
        </div>
      </div>
    </li>
  );
}
