// An invoice's `hosted_invoice_url` (/i/:id, an HTML page) and `invoice_pdf` (/i/:id/pdf, a PDF),
// both showing the same thing: the number, who is billed, the lines, the totals and that it is
// paid. Stripe serves these from invoice.stripe.com; the emulator serves its own.
import type { ServerResponse } from 'node:http';
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { formatAmount, isZeroDecimal } from '../money';
import { escapeHtml } from './html';
import { noticePage } from './page';
import { writePdf, type PdfLine } from './pdf';
import { STYLES } from './styles';

interface InvoiceView {
  title: string;
  status: string;
  billedTo: string[];
  lines: Array<{ description: string; amount: number }>;
  totals: Array<{ label: string; amount: number; strong?: boolean }>;
  notes: string[];
}

export function handleInvoicePage(ctx: EmulatorContext, path: string, res: ServerResponse): void {
  const match = /^\/i\/([^/]+)(\/pdf)?$/.exec(path);
  const invoice = match ? ctx.state.invoices.get(decodeURIComponent(match[1] ?? '')) : undefined;
  if (!match || !invoice || invoice.status === 'draft') {
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(noticePage('Invoice not found', 'This invoice link is not valid.'));
    return;
  }
  const view = viewOf(invoice);
  if (match[2]) {
    const pdf = writePdf(view.title, pdfLines(view, invoice.currency));
    res.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${invoice.number ?? invoice.id}.pdf"`,
      'Content-Length': pdf.length,
    });
    res.end(pdf);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(htmlPage(view, invoice));
}

function viewOf(invoice: Stripe.Invoice): InvoiceView {
  const address = invoice.customer_address;
  const billedTo = [
    invoice.customer_name,
    invoice.customer_email,
    address?.line1,
    address?.line2,
    [address?.postal_code, address?.city].filter(Boolean).join(' ') || null,
    [address?.state, address?.country].filter(Boolean).join(', ') || null,
    ...(invoice.customer_tax_ids ?? []).map(
      (taxId) => `${taxId.type.toUpperCase()} ${taxId.value ?? ''}`,
    ),
  ].filter((line): line is string => Boolean(line));
  const discount =
    invoice.total_discount_amounts?.reduce((sum, entry) => sum + entry.amount, 0) ?? 0;
  const tax = invoice.total_taxes?.reduce((sum, entry) => sum + entry.amount, 0) ?? 0;
  const totals: InvoiceView['totals'] = [{ label: 'Subtotal', amount: invoice.subtotal }];
  if (discount > 0) totals.push({ label: 'Discount', amount: -discount });
  if (invoice.shipping_cost)
    totals.push({ label: 'Shipping', amount: invoice.shipping_cost.amount_subtotal });
  if (invoice.automatic_tax.enabled || tax > 0) totals.push({ label: 'Tax', amount: tax });
  totals.push({ label: 'Total', amount: invoice.total, strong: true });
  totals.push({ label: 'Amount paid', amount: invoice.amount_paid });
  totals.push({ label: 'Amount due', amount: invoice.amount_remaining, strong: true });
  const paidAt = invoice.status_transitions.paid_at;
  return {
    title: `Invoice ${invoice.number ?? invoice.id}`,
    status:
      invoice.status === 'paid' && paidAt
        ? `Paid on ${new Date(paidAt * 1000).toISOString().slice(0, 10)}`
        : `Status: ${invoice.status ?? 'open'}`,
    billedTo,
    lines: invoice.lines.data.map((line) => ({
      description: `${line.description ?? 'Item'}${line.quantity && line.quantity > 1 ? ` × ${line.quantity}` : ''}`,
      amount: line.amount,
    })),
    totals,
    notes: [
      invoice.description,
      ...(invoice.custom_fields ?? []).map((field) => `${field.name}: ${field.value}`),
      invoice.footer,
    ].filter((note): note is string => Boolean(note)),
  };
}

function htmlPage(view: InvoiceView, invoice: Stripe.Invoice): string {
  const money = (amount: number): string =>
    (amount < 0 ? '−' : '') + formatAmount(Math.abs(amount), invoice.currency);
  const lines = view.lines
    .map(
      (line) =>
        `<li><span>${escapeHtml(line.description)}</span><span class="amount">${money(line.amount)}</span></li>`,
    )
    .join('');
  const totals = view.totals
    .map((row) => {
      const cls = row.strong ? ' class="due"' : '';
      return `<dt${cls}>${escapeHtml(row.label)}</dt><dd${cls}>${money(row.amount)}</dd>`;
    })
    .join('');
  const notes = view.notes.map((note) => `<p class="hint">${escapeHtml(note)}</p>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)}</title><style>${STYLES}</style></head>
<body><main class="narrow"><section class="card" aria-labelledby="invoice-title">
<span class="badge">Test mode</span>
<h1 id="invoice-title">${escapeHtml(view.title)}</h1>
<p><strong>${escapeHtml(view.status)}</strong></p>
<h2 class="hint">Billed to</h2>
<p>${view.billedTo.map(escapeHtml).join('<br>')}</p>
<ul class="items">${lines}</ul>
<dl class="totals">${totals}</dl>
${notes}
<p><a href="/i/${escapeHtml(invoice.id)}/pdf">Download invoice (PDF)</a></p>
</section></main></body></html>`;
}

/** "12.50 EUR": the PDF sticks to ASCII, so amounts carry the currency code, not its symbol. */
function pdfAmount(amount: number, currency: string): string {
  const digits = isZeroDecimal(currency) ? 0 : 2;
  const value = digits === 0 ? amount : amount / 100;
  return `${value.toFixed(digits)} ${currency.toUpperCase()}`;
}

function pdfLines(view: InvoiceView, currency: string): PdfLine[] {
  return [
    { text: view.title, size: 20, bold: true },
    { text: view.status, bold: true, gap: 4 },
    { text: 'Billed to', bold: true, gap: 12 },
    ...view.billedTo.map((text) => ({ text })),
    { text: 'Description', bold: true, gap: 16, right: 'Amount' },
    ...view.lines.map((line) => ({
      text: line.description.replace('×', 'x'),
      right: pdfAmount(line.amount, currency),
    })),
    ...view.totals.map((row, index) => ({
      text: row.label,
      bold: row.strong ?? false,
      gap: index === 0 ? 12 : 0,
      right: pdfAmount(row.amount, currency),
    })),
    ...view.notes.map((text, index) => ({ text, size: 9, gap: index === 0 ? 16 : 0 })),
  ];
}
