import { orderInvoiceLinks } from '@/lib/checkout/invoice';
import { findCustomerOrder } from '@/lib/customers/orders';
import { currentCustomer } from '@/lib/customers/session';
import { isOrderLinkKeyValid } from '@/lib/orders/guest-link';
import { isUuid } from '@/lib/platform/identifiers';

/**
 * The order's invoice: a redirect to Stripe's hosted invoice page, or with ?format=pdf to its PDF.
 * Opened with the order's signed key (the confirmation email, a guest's order page) or by the
 * signed-in owner; anyone else gets "not found", exactly like an order that does not exist.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await params;
  const query = new URL(request.url).searchParams;
  const key = query.get('key');
  if (!isUuid(id) || !(await mayOpen(id, key))) return text(404, 'Not found.');

  let links;
  try {
    links = await orderInvoiceLinks(id);
  } catch (error) {
    console.error(`invoice of order ${id}: Stripe did not answer:`, error);
    return text(503, 'We couldn’t reach the invoice just now. Please try again in a minute.');
  }
  if (links.kind === 'no_invoice') return text(404, 'This order has no invoice.');
  if (links.kind === 'not_ready')
    return text(503, 'Your invoice is still being prepared. Please try again in a minute.');
  const target = query.get('format') === 'pdf' ? (links.pdfUrl ?? links.url) : links.url;
  return new Response(null, {
    status: 303,
    headers: { Location: target, 'Cache-Control': 'private, no-store' },
  });
}

async function mayOpen(orderId: string, key: string | null): Promise<boolean> {
  if (key !== null) return isOrderLinkKeyValid(orderId, key);
  const customer = await currentCustomer();
  return customer !== null && (await findCustomerOrder(orderId, { customer })) !== null;
}

function text(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'private, no-store',
      ...(status === 503 && { 'Retry-After': '60' }),
    },
  });
}
