import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { LABEL_LOOK, LabelData, labelLines, qrMatrix } from './status-label';

const MM = 72 / 25.4;

/** The font labels are printed in: a TrueType font or collection with CJK glyphs (equipment names and institutions are often Chinese). */
export interface LabelFont {
  path: string;
  /** For a collection (.ttc): the PostScript name of the face to use. */
  face?: string;
}

export function assertLabelFont(font: LabelFont): void {
  if (!existsSync(font.path)) {
    throw new Error(`label font ${font.path} not found: install fonts-wqy-microhei or set EQUIPMENT_LABEL_FONT to a TrueType font with CJK glyphs`);
  }
}

/** The longest prefix of `text` (with an ellipsis when cut) that `measure` puts within `width`. */
function fitWidth(text: string, width: number, measure: (s: string) => number): string {
  if (measure(text) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && measure(`${chars.join('')}…`) > width) chars.pop();
  return `${chars.join('')}…`;
}

/** One 70 × 40 mm label with its top-left corner at (x, y) points (PDFKit's top-down coordinates). */
function drawLabel(doc: PDFKit.PDFDocument, d: LabelData, x: number, y: number): void {
  const look = LABEL_LOOK[d.status];
  const w = 70 * MM;
  const h = 40 * MM;
  doc.lineWidth(1).rect(x + 0.5, y + 0.5, w - 1, h - 1).stroke(look.colour);
  doc.rect(x, y, w, 9 * MM).fill(look.colour);
  const text = (s: string, size: number, left: number, baseline: number, width: number) => {
    doc.fontSize(size);
    doc.text(fitWidth(s, width, (t) => doc.widthOfString(t)), left, baseline, { baseline: 'alphabetic', lineBreak: false });
  };
  doc.fillColor('#ffffff');
  text(look.title, 10.5, x + 2 * MM, y + 6.3 * MM, w - 4 * MM);
  doc.fillColor('#000000');
  labelLines(d).forEach((line, i) => text(line, i === 0 ? 9.5 : 7, x + 2 * MM, y + (14 + i * 4.6) * MM, 36 * MM));
  // The QR code as vector squares in one path: sharp at any printer resolution.
  const matrix = qrMatrix(d.statusUrl);
  const cell = (30 * MM) / (matrix.length + 4);
  const left = x + 38.5 * MM + 2 * cell;
  const top = y + 9.5 * MM + 2 * cell;
  matrix.forEach((row, r) => row.forEach((dark, c) => dark && doc.rect(left + c * cell, top + r * cell, cell, cell)));
  doc.fill('#000000');
}

/**
 * An A4 sheet of status labels (2 × 6 per page): text in the embedded (subset) CJK font so Chinese
 * names stay real, searchable text; QR codes drawn as vectors so they print sharp on any printer.
 */
export async function labelSheetPdf(labels: LabelData[], font: LabelFont, createdAt = new Date()): Promise<Buffer> {
  assertLabelFont(font);
  const perPage = 12;
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: 'Equipment status labels', Producer: 'CalChain', CreationDate: createdAt } });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('label', font.path, font.face);
  for (let i = 0; i < Math.max(labels.length, 1); i += perPage) {
    doc.addPage();
    doc.font('label');
    labels.slice(i, i + perPage).forEach((d, n) => drawLabel(doc, d, (25 + (n % 2) * 90) * MM, (24 + Math.floor(n / 2) * 44) * MM));
  }
  doc.end();
  return done;
}
