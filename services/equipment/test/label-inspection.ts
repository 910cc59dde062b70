import { execFileSync } from 'node:child_process';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Test helpers that look at printed labels the way a reader would: text out of the PDF, QR codes out of the pixels. */

const has = (command: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** poppler-utils (pdftotext, pdftoppm) is installed when missing, as deploy/local/system-packages.sh does for fonts. */
export function ensurePoppler(): void {
  if (has('pdftotext') && has('pdftoppm')) return;
  const root = process.getuid?.() === 0;
  const run = (...args: string[]) =>
    execFileSync(root ? args[0] : 'sudo', root ? args.slice(1) : ['-n', ...args], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    run('apt-get', 'install', '-y', '--no-install-recommends', 'poppler-utils');
  } catch {
    run('apt-get', 'update');
    run('apt-get', 'install', '-y', '--no-install-recommends', 'poppler-utils');
  }
  if (!has('pdftotext')) throw new Error('pdftotext is missing and poppler-utils could not be installed');
}

/** The text a reader (or a search) gets out of the PDF: proves the font maps glyphs back to Unicode. */
export function pdfText(pdf: Buffer): string {
  ensurePoppler();
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
}

/** One page of the PDF rasterised to PNG at the given resolution. */
export function pdfPagePng(pdf: Buffer, page: number, dpi: number): Buffer {
  ensurePoppler();
  return execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-'], { input: pdf, maxBuffer: 256 * 1024 * 1024 });
}

/** What a phone's camera reads from the QR code in a PNG (or in a region of it, in pixels), or null. */
export function scanQr(png: Buffer, region?: { x: number; y: number; width: number; height: number }): string | null {
  const image = PNG.sync.read(png);
  const r = region ?? { x: 0, y: 0, width: image.width, height: image.height };
  const data = new Uint8ClampedArray(r.width * r.height * 4);
  for (let row = 0; row < r.height; row++) {
    const from = ((r.y + row) * image.width + r.x) * 4;
    data.set(image.data.subarray(from, from + r.width * 4), row * r.width * 4);
  }
  return jsQR(data, r.width, r.height)?.data ?? null;
}

export function pngSize(png: Buffer): { width: number; height: number } {
  const image = PNG.sync.read(png);
  return { width: image.width, height: image.height };
}
