import QRCode from 'qrcode';
import { EquipmentStatus } from '../../ledger/domain/equipment-status';

/** What a status label shows (R-5.3.4): status, calibration date, validity, institution, and where the QR code leads. */
export interface LabelData {
  institution: string;
  assetNumber: string;
  name: string;
  status: EquipmentStatus;
  lastCalibratedOn: string | null;
  dueDate: string | null;
  certificateNumber: string | null;
  /** The public page/endpoint showing the live status: a printed label can go stale, the scan cannot. */
  statusUrl: string;
}

/** The three-colour convention of Chinese labs: green usable, yellow usable but due, red not to be used. */
export const LABEL_LOOK: Record<EquipmentStatus, { colour: string; title: string }> = {
  'in-service': { colour: '#1b7f3b', title: 'IN SERVICE' },
  due: { colour: '#c99a06', title: 'DUE FOR CALIBRATION' },
  overdue: { colour: '#b3261e', title: 'OVERDUE - DO NOT USE' },
  suspended: { colour: '#b3261e', title: 'SUSPENDED - DO NOT USE' },
  'out-of-service': { colour: '#b3261e', title: 'OUT OF SERVICE' },
  retired: { colour: '#5f6368', title: 'RETIRED' },
};

/** The QR code's dark modules as a boolean grid (error correction M survives a scuffed label). */
export function qrMatrix(text: string): boolean[][] {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => Boolean(qr.modules.get(row, col))));
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** East Asian wide characters (CJK ideographs, kana, Hangul, full-width forms) take about two Latin widths. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;
const displayWidth = (s: string) => [...s].reduce((w, c) => w + (WIDE.test(c) ? 2 : 1), 0);

/** `s` cut to at most `n` Latin-character widths (a CJK character counts two), with an ellipsis when cut. */
export function fitText(s: string, n: number): string {
  if (displayWidth(s) <= n) return s;
  const chars = [...s];
  while (chars.length > 0 && displayWidth(chars.join('')) > n - 1) chars.pop();
  return `${chars.join('')}…`;
}

/** Lines short enough for the 36 mm text column beside the QR code. */
export function labelLines(d: LabelData): string[] {
  const fit = (s: string, n = 24) => fitText(s, n);
  return [
    fit(d.assetNumber, 20),
    fit(d.name),
    `Calibrated: ${d.lastCalibratedOn ?? '-'}`,
    `Valid until: ${d.dueDate ?? '-'}`,
    fit(`Cert. ${d.certificateNumber ?? '-'}`),
    fit(d.institution),
  ];
}

/** A 70 × 40 mm label as SVG: colour band with the status, the facts, and the QR code. */
export function labelSvg(d: LabelData): string {
  const look = LABEL_LOOK[d.status];
  const matrix = qrMatrix(d.statusUrl);
  const quiet = 2;
  const cell = 30 / (matrix.length + 2 * quiet);
  const modules: string[] = [];
  matrix.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) modules.push(`M${round((x + quiet) * cell)} ${round((y + quiet) * cell)}h${round(cell)}v${round(cell)}h-${round(cell)}z`);
    }),
  );
  const lines = labelLines(d)
    .map((line, i) => `<text x="2" y="${round(14 + i * 4.6)}" font-size="${i === 0 ? 3.4 : 2.5}"${i === 0 ? ' font-weight="bold"' : ''}>${escapeXml(line)}</text>`)
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="70mm" height="40mm" viewBox="0 0 70 40" font-family="Helvetica, Arial, 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif">`,
    `<title>${escapeXml(`${d.assetNumber} ${look.title}`)}</title>`,
    `<rect x="0.25" y="0.25" width="69.5" height="39.5" fill="#fff" stroke="${look.colour}" stroke-width="0.5"/>`,
    `<rect x="0" y="0" width="70" height="9" fill="${look.colour}"/>`,
    `<text x="2" y="6.3" font-size="3.8" font-weight="bold" fill="#fff">${escapeXml(look.title)}</text>`,
    lines,
    `<g transform="translate(38.5 9.5)"><rect width="30" height="30" fill="#fff"/><path d="${modules.join('')}" fill="#000"/></g>`,
    `</svg>`,
  ].join('');
}
