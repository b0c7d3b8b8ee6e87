import { addressLines } from '@/lib/orders/postal-address';
import { taxIdLabel, type OrderSummary } from '@/lib/orders/summary';

/** The store's invoice links of an order (lib/orders/guest-link.ts orderInvoicePath). */
export interface InvoiceLinks {
  pageHref: string;
  pdfHref: string;
}

/**
 * Where the goods go and how, the customer's tax ids and the invoice, each shown only when the
 * order has it (success page and the customer's order page).
 */
export function OrderShippingBilling({
  order,
  invoice,
}: {
  order: Pick<
    OrderSummary,
    'shippingName' | 'shippingAddress' | 'shippingRateName' | 'customerTaxIds'
  >;
  invoice: InvoiceLinks | null;
}) {
  const address = addressLines(order.shippingName, order.shippingAddress);
  const taxIds = order.customerTaxIds ?? [];
  const hasShipping = address.length > 0 || order.shippingRateName;
  if (!hasShipping && taxIds.length === 0 && !invoice) return null;
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      {hasShipping ? (
        <section aria-labelledby="order-shipping-heading">
          <h2 id="order-shipping-heading" className="text-lg font-semibold">
            Shipping
          </h2>
          <dl className="mt-3 flex flex-col gap-2 text-sm">
            {address.length > 0 ? (
              <div>
                <dt className="text-muted">Ship to</dt>
                <dd data-testid="shipping-address">
                  <address className="not-italic">
                    {address.map((line) => (
                      <span key={line} className="block">
                        {line}
                      </span>
                    ))}
                  </address>
                </dd>
              </div>
            ) : null}
            {order.shippingRateName ? (
              <div>
                <dt className="text-muted">Shipping method</dt>
                <dd data-testid="shipping-rate">{order.shippingRateName}</dd>
              </div>
            ) : null}
          </dl>
        </section>
      ) : null}
      {taxIds.length > 0 || invoice ? (
        <section aria-labelledby="order-billing-heading">
          <h2 id="order-billing-heading" className="text-lg font-semibold">
            Billing
          </h2>
          <dl className="mt-3 flex flex-col gap-2 text-sm">
            {taxIds.length > 0 ? (
              <div>
                <dt className="text-muted">{taxIds.length === 1 ? 'Tax ID' : 'Tax IDs'}</dt>
                {taxIds.map((taxId) => (
                  <dd key={`${taxId.type}:${taxId.value}`} className="break-all">
                    {taxIdLabel(taxId)}
                  </dd>
                ))}
              </div>
            ) : null}
            {invoice ? (
              <div>
                <dt className="text-muted">Invoice</dt>
                <dd className="flex flex-wrap gap-x-4 gap-y-1">
                  <a
                    href={invoice.pageHref}
                    className="font-medium text-accent underline underline-offset-2"
                  >
                    View invoice
                  </a>
                  <a
                    href={invoice.pdfHref}
                    className="font-medium text-accent underline underline-offset-2"
                  >
                    Download PDF
                  </a>
                </dd>
              </div>
            ) : null}
          </dl>
        </section>
      ) : null}
    </div>
  );
}
