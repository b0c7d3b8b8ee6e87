// A small, valid PDF written by hand: one A4 page of left-aligned Helvetica text lines. Enough for
// an invoice the emulator serves as `invoice_pdf`; no fonts are embedded (Helvetica is one of the
// standard 14 fonts every reader has) and only printable ASCII is written (WinAnsi).

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN = 56;

export interface PdfLine {
  text: string;
  size?: number;
  bold?: boolean;
  /** Extra space before the line, in points. */
  gap?: number;
  /** Right-aligned text on the same line (an amount). */
  right?: string;
}

/** PDF string literal: backslash, parentheses escaped; anything outside printable ASCII replaced. */
function pdfText(text: string): string {
  const ascii = text
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/[\\()]/g, (char) => `\\${char}`);
  return `(${ascii})`;
}

// Helvetica's average advance is about half the font size: close enough to right-align amounts.
function approximateWidth(text: string, size: number): number {
  return text.length * size * 0.5;
}

export function writePdf(title: string, lines: PdfLine[]): Buffer {
  let y = PAGE_HEIGHT - MARGIN;
  const drawing: string[] = [];
  for (const line of lines) {
    const size = line.size ?? 11;
    y -= size + 6 + (line.gap ?? 0);
    const font = line.bold ? '/F2' : '/F1';
    drawing.push(`BT ${font} ${size} Tf ${MARGIN} ${y} Td ${pdfText(line.text)} Tj ET`);
    if (line.right !== undefined) {
      const x = PAGE_WIDTH - MARGIN - approximateWidth(line.right, size);
      drawing.push(`BT ${font} ${size} Tf ${x.toFixed(1)} ${y} Td ${pdfText(line.right)} Tj ET`);
    }
  }
  const content = drawing.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>`,
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Title ${pdfText(title)} /Producer (Shopfront Stripe emulator) >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
