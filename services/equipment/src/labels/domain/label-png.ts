import { renderAsync } from '@resvg/resvg-js';
import { LabelFont, assertLabelFont } from './label-sheet-pdf';
import { LabelData, labelSvg } from './status-label';

/** 12 px per mm: the 70 × 40 mm label at about 305 dpi, 840 × 480 px, enough for thermal label printers. */
export const LABEL_PNG_SIZE = { width: 840, height: 480 } as const;

/**
 * The status label as PNG: the SVG label rasterised by resvg (off the event loop) with only the
 * configured CJK font loaded, no system fonts, so Chinese names render the same on every host.
 */
export async function labelPng(d: LabelData, font: LabelFont): Promise<Buffer> {
  assertLabelFont(font);
  const image = await renderAsync(labelSvg(d), {
    fitTo: { mode: 'width', value: LABEL_PNG_SIZE.width },
    background: '#ffffff',
    // None of the SVG's font families is loaded by name, so resvg falls back to the first (only) loaded font.
    font: { fontFiles: [font.path], loadSystemFonts: false },
    shapeRendering: 1, // crispEdges: QR modules stay sharp squares
    logLevel: 'error',
  });
  return image.asPng();
}
