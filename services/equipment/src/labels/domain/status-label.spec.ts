import { pdfPagePng, pdfText, pngSize, scanQr } from '../../../test/label-inspection';
import { LABEL_PNG_SIZE, labelPng } from './label-png';
import { LabelFont, labelSheetPdf } from './label-sheet-pdf';
import { LabelData, fitText, labelLines, labelSvg, qrMatrix } from './status-label';

const font: LabelFont = { path: process.env['EQUIPMENT_LABEL_FONT'] ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' };

const label: LabelData = {
  institution: 'East Metrology Institute', assetNumber: 'TH-001', name: 'Thermometer <A&B>', status: 'due',
  lastCalibratedOn: '2026-02-20', dueDate: '2026-08-19', certificateNumber: 'LAB-2026-0042', statusUrl: 'https://lab.example/public/lab-east/equipment/abc',
};

describe('status labels', () => {
  it('R-5.3.4 shows status, calibration date, validity and institution, escaped, with a QR code', () => {
    const svg = labelSvg(label);
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 70 40"/);
    expect(svg).toContain('DUE FOR CALIBRATION');
    expect(svg).toContain('Calibrated: 2026-02-20');
    expect(svg).toContain('Cert. LAB-2026-0042');
    expect(svg).toContain('Valid until: 2026-08-19');
    expect(svg).toContain('East Metrology Institute');
    expect(svg).toContain('Thermometer &lt;A&amp;B&gt;');
    expect(svg).toContain('#c99a06');
    expect(svg).toMatch(/<path d="M[\d.]+ [\d.]+h/);
  });

  it('R-5.3.4 encodes the live-status URL as a QR symbol with finder patterns', () => {
    const m = qrMatrix(label.statusUrl);
    expect(m.length).toBeGreaterThanOrEqual(25);
    // Top-left finder pattern: a dark 7-module ring.
    expect(m[0].slice(0, 7).every(Boolean)).toBe(true);
    expect(m[6].slice(0, 7).every(Boolean)).toBe(true);
    expect(m[1][1]).toBe(false);
  });

  it('R-5.3.4 cuts long names by printed width, a CJK character counting as two', () => {
    expect(fitText('Thermometer', 24)).toBe('Thermometer');
    expect(fitText('精密数字温度计精密数字温度计', 24)).toBe('精密数字温度计精密数字…');
    expect(fitText('A'.repeat(30), 24)).toBe(`${'A'.repeat(23)}…`);
    expect(labelLines({ ...chinese, name: '二等标准铂电阻温度计（0～419.527 ℃）配套测温电桥' })[1]).toMatch(/…$/);
  });

  const chinese: LabelData = { ...label, name: '精密数字温度计', institution: '华东计量测试研究院' };

  it('R-5.3.4 lays labels out on an A4 PDF with the CJK font embedded and Chinese text extractable', async () => {
    const bytes = await labelSheetPdf(Array.from({ length: 13 }, (_, i) => ({ ...chinese, assetNumber: `TH-${i}` })), font, new Date('2026-03-01T00:00:00Z'));
    const pdf = bytes.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/Type \/Pages\s*\/Count 2/);
    // Embedded (subset) TrueType with a ToUnicode map; no base-14 font left.
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+WenQuanYiMicroHei/);
    expect(pdf).toContain('/FontFile2');
    expect(pdf).toContain('/ToUnicode');
    expect(pdf).not.toContain('/Helvetica');
    // QR codes are vector paths, not images.
    expect(pdf).not.toContain('/Subtype /Image');
    const text = pdfText(bytes);
    expect(text).toContain('精密数字温度计');
    expect(text).toContain('华东计量测试研究院');
    expect(text).toContain('TH-12');
    expect(text).toContain('DUE FOR CALIBRATION');
    expect(text).toContain('Valid until: 2026-08-19');
    expect(text).not.toContain('?');
  });

  it('R-5.3.4 prints PDF QR codes that scan to the live-status URL', async () => {
    const page = pdfPagePng(await labelSheetPdf([chinese], font), 1, 200);
    // The first label's QR code: 38.5–68.5 mm from the label's left (25 mm), 9.5–39.5 mm from its top (24 mm).
    const px = (mm: number) => Math.round((mm * 200) / 25.4);
    expect(scanQr(page, { x: px(25 + 37), y: px(24 + 8), width: px(33), height: px(33) })).toBe(label.statusUrl);
  });

  it('R-5.3.4 renders the label as a PNG of 840 × 480 px whose QR code scans to the live-status URL', async () => {
    const png = await labelPng(chinese, font);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual(LABEL_PNG_SIZE);
    expect(scanQr(png)).toBe(label.statusUrl);
    // Chinese glyphs are drawn (not dropped): a different Chinese name gives different pixels.
    expect((await labelPng({ ...chinese, name: '数字压力表' }, font)).equals(png)).toBe(false);
  });

  it('refuses to print without its font, naming the setting', async () => {
    await expect(labelSheetPdf([label], { path: '/nonexistent/font.ttc' })).rejects.toThrow(/EQUIPMENT_LABEL_FONT/);
    await expect(labelPng(label, { path: '/nonexistent/font.ttc' })).rejects.toThrow(/EQUIPMENT_LABEL_FONT/);
  });
});
