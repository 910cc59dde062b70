import { labelSheetPdf } from './label-sheet-pdf';
import { LabelData, labelSvg, qrMatrix } from './status-label';

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

  it('R-5.3.4 lays labels out on an A4 PDF with a valid cross-reference table', () => {
    const pdf = labelSheetPdf(Array.from({ length: 13 }, (_, i) => ({ ...label, assetNumber: `TH-${i}` }))).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain('/Count 2');
    const startxref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => expect(pdf.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    expect(pdf).toContain('(TH-12) Tj');
  });
});
