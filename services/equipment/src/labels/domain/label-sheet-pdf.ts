import { LABEL_LOOK, LabelData, labelLines, qrMatrix } from './status-label';

const MM = 72 / 25.4;

/** PDF text strings: printable ASCII only with the base-14 Helvetica font; other characters print as '?'. */
const pdfText = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');

function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => (c / 255).toFixed(3)).join(' ');
}

/** Drawing operators for one 70 × 40 mm label with its lower-left corner at (x, y) points. */
function labelOps(d: LabelData, x: number, y: number): string {
  const look = LABEL_LOOK[d.status];
  const w = 70 * MM;
  const h = 40 * MM;
  const ops: string[] = [];
  ops.push(`${rgb(look.colour)} RG 1 w ${x.toFixed(2)} ${y.toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)} re S`);
  ops.push(`${rgb(look.colour)} rg ${x.toFixed(2)} ${(y + h - 9 * MM).toFixed(2)} ${w.toFixed(2)} ${(9 * MM).toFixed(2)} re f`);
  ops.push(`1 1 1 rg BT /F2 10.5 Tf ${(x + 2 * MM).toFixed(2)} ${(y + h - 6.3 * MM).toFixed(2)} Td (${pdfText(look.title)}) Tj ET`);
  labelLines(d).forEach((line, i) => {
    ops.push(`0 0 0 rg BT /${i === 0 ? 'F2' : 'F1'} ${i === 0 ? 9.5 : 7} Tf ${(x + 2 * MM).toFixed(2)} ${(y + h - (14 + i * 4.6) * MM).toFixed(2)} Td (${pdfText(line)}) Tj ET`);
  });
  const matrix = qrMatrix(d.statusUrl);
  const cell = (30 * MM) / (matrix.length + 4);
  const left = x + 38.5 * MM + 2 * cell;
  const top = y + h - 9.5 * MM - 2 * cell;
  const modules: string[] = [];
  matrix.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) modules.push(`${(left + c * cell).toFixed(2)} ${(top - (r + 1) * cell).toFixed(2)} ${cell.toFixed(3)} ${cell.toFixed(3)} re`);
    }),
  );
  ops.push(`0 0 0 rg ${modules.join(' ')} f`);
  return ops.join('\n');
}

/**
 * An A4 sheet of status labels (2 × 6 per page) as a self-contained PDF 1.4: vector QR codes and
 * base-14 fonts, so it prints sharp on any label printer without embedding anything.
 */
export function labelSheetPdf(labels: LabelData[]): Buffer {
  const perPage = 12;
  const pages: LabelData[][] = [];
  for (let i = 0; i < Math.max(labels.length, 1); i += perPage) pages.push(labels.slice(i, i + perPage));
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1 + 1; // object number (1-based)
  const catalog = add('');
  const pagesObj = add('');
  const helvetica = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const helveticaBold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>');
  const pageObjs: number[] = [];
  for (const page of pages) {
    const content = page.map((d, i) => labelOps(d, (25 + (i % 2) * 90) * MM, (297 - 20 - (Math.floor(i / 2) + 1) * 44) * MM)).join('\n');
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    pageObjs.push(
      add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 ${helvetica} 0 R /F2 ${helveticaBold} 0 R >> >> /Contents ${stream} 0 R >>`),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${pageObjs.map((p) => `${p} 0 R`).join(' ')}] /Count ${pageObjs.length} >>`;
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
