import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { CertificateContent } from './content';
import { IssueFacts, kindTitle } from './dcc-xml';
import { describeRule, RuleBreach } from './rules';

export interface PdfSettings {
  /** A TrueType/TrueType-collection font with CJK glyphs, embedded (subset) in every PDF. */
  fontPath: string;
  /** For a .ttc: the PostScript name of the face to use. */
  fontFace?: string;
}

/**
 * What a draft's preview prints where a certificate prints its issue (R-6.4.5): numbers are taken
 * only at signing (gap-free), so a preview has no number, no signature and no QR code.
 */
export interface DraftFacts {
  draft: true;
  renderedAt: string;
  replaces: { number: string } | null;
  supplementTo: { number: string } | null;
  /** Why the draft cannot be signed yet (R-6.4.2.x), printed in red for the signatory. */
  blockingIssues: RuleBreach[];
}

export const DRAFT_WATERMARK = '草稿 — 无效 DRAFT — NOT VALID';
const isDraft = (f: IssueFacts | DraftFacts): f is DraftFacts => 'draft' in f && f.draft;
const RED = '#b00000';

const CONFORMITY_ZH = { pass: '合格', fail: '不合格', 'conditional-pass': '有条件合格', 'conditional-fail': '有条件不合格' } as const;

/**
 * The certificate as a PDF (R-6.4.3): one template per kind (title and wording), Chinese text in an
 * embedded CJK font, the signature's manifestation (name, time, meaning, R-6.4.5) and a QR code of
 * the public verification URL. Creation date is the issue time so the bytes depend on content only.
 * A draft (`DraftFacts`) gets the same template without number, signature and QR code, its
 * blocking issues in red, and "not valid" on every page.
 */
export async function renderPdf(c: CertificateContent, f: IssueFacts | DraftFacts, settings: PdfSettings): Promise<Buffer> {
  const draft = isDraft(f);
  const info = draft
    ? { Title: `${kindTitle(c.kind)} ${DRAFT_WATERMARK}`, CreationDate: new Date(f.renderedAt), Producer: 'CalChain' }
    : { Title: `${kindTitle(c.kind)} ${f.number}`, CreationDate: new Date(f.issuedAt), Producer: 'CalChain' };
  // A draft keeps its pages until the end, to stamp every one of them.
  const doc = new PDFDocument({ size: 'A4', margin: 50, info, ...(draft ? { bufferPages: true } : {}) });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', settings.fontPath, settings.fontFace ?? 'WenQuanYiMicroHei');
  doc.font('cjk');

  doc.fontSize(18).text(c.institution.name, { align: 'center' });
  doc.fontSize(22).text(kindTitle(c.kind), { align: 'center' });
  doc.fontSize(11).text(`证书编号 No.: ${draft ? '（签发时分配 assigned on signing）' : f.number}`, { align: 'center' });
  if (f.replaces) doc.fillColor(RED).text(`本证书代替证书 No. ${f.replaces.number}；证书 No. ${f.replaces.number} 作废。(replaces certificate No. ${f.replaces.number}, which is void)`).fillColor('black');
  if (f.supplementTo) doc.fillColor('#00008b').text(`证书 No. ${f.supplementTo.number} 的补充 (supplement to certificate No. ${f.supplementTo.number})`).fillColor('black');
  if (draft && f.blockingIssues.length) {
    doc.moveDown(0.5).fillColor(RED).fontSize(10).text('签发前须更正 Blocking issues: this draft cannot be signed until they are put right');
    for (const b of f.blockingIssues) doc.fontSize(9).text(`• ${b.message} (${b.requirement}, ${b.field})`);
    doc.fillColor('black');
  }
  doc.moveDown();
  const test = c.kind === 'test-report';
  const line = (label: string, value: string) => doc.fontSize(10).text(`${label}: ${value}`);
  // R-6.4.2.1: the customer by name and address (organisation data from the contract review).
  line('委托方 Customer', c.customer?.name ?? c.customerId ?? '—');
  if (c.customer?.address) line('委托方地址 Customer address', c.customer.address);
  line(test ? '样品名称 Test item' : '器具名称 Item', c.item.description);
  line('出厂编号 Serial No.', c.item.serialNumber ?? '—');
  line(test ? '检测依据 Test method' : '依据 Method', `${c.method.code} ${c.method.version}${c.method.title ? ` ${c.method.title}` : ''}`);
  line('日期 Date', c.measurementDate);
  line('地点 Place', c.placeOfWork === 'on-site' ? '现场 on site' : '实验室 laboratory');
  line('环境条件 Environment', c.environment.conditions.map((x) => `${x.quantity} ${x.value ?? ''}${x.unit}`).join('; ') || '—');
  line('计量标准 Standards', c.standards.map((s) => `${s.name ?? s.code ?? s.standardId} (${s.certificates.map((x) => x.number).join(', ') || '—'})`).join('; ') || '—');
  doc.moveDown().fontSize(12).text(test ? '检测结果 Test results' : '结果 Results');
  for (const r of c.results) {
    const adj = r.adjustment === 'before-adjustment' ? ' [调整前 before]' : r.adjustment === 'after-adjustment' ? ' [调整后 after]' : '';
    doc.fontSize(9).text(`${r.quantity} ${r.point}${adj}: ${r.measuredValue} ${r.unit}${r.error !== null ? `, 示值误差 ${r.error} ${r.unit}` : ''}, U = ${r.expandedUncertainty} ${r.uncertaintyUnit} (k = ${r.coverageFactor})`);
  }
  if (c.statements.length) {
    doc.moveDown().fontSize(12).text('符合性声明 Conformity');
    for (const s of c.statements) doc.fontSize(9).text(`${s.point}: ${CONFORMITY_ZH[s.conformity]} (${s.limit}, ${s.clause}); 判定规则: ${describeRule(s.rule, s.guardBand)}`);
  }
  for (const o of c.omittedFromStatement) doc.fontSize(9).text(`结果 ${o.resultId} 未纳入声明，已保留: ${o.reason}`);
  if (c.recalibrationInterval) doc.fontSize(9).text(`建议复校间隔 ${c.recalibrationInterval.months} 个月 (${c.recalibrationInterval.basis}: ${c.recalibrationInterval.reference})`);
  for (const remark of c.remarks) doc.fontSize(9).text(remark);
  doc.moveDown().fontSize(10).text(`核验员 Checker: ${c.persons.checkerName ?? c.persons.checker}    校准/检定员 Calibrator: ${c.persons.calibratorName ?? c.persons.calibrator}`);
  if (draft) {
    doc.text('批准人 Authorised signatory: 待签发 to be signed by an authorised signatory');
    stampDraft(doc);
  } else {
    signatureAndQr(doc, f);
  }
  doc.end();
  return done;
}

/** R-6.4.5: the signature's manifestation and the QR code of the public verification URL. */
function signatureAndQr(doc: PDFKit.PDFDocument, f: IssueFacts): void {
  doc.text(`批准人 Authorised signatory: ${f.signatory.printedName} — ${f.signatory.meaning} — ${f.issuedAt} (Ed25519 电子签名)`);
  if (f.signatory.certificateSerial) doc.fontSize(8).text(`X.509 证书序列号 certificate serial ${f.signatory.certificateSerial}, 签发者 issuer ${f.signatory.certificateIssuer ?? ''}`).fontSize(10);
  doc.text(`核验 Verify: ${f.verifyUrl}`);
  const qr = QRCode.create(f.verifyUrl, { errorCorrectionLevel: 'M' }).modules;
  const cell = 2.2;
  const x0 = 440;
  const y0 = 700;
  for (let r = 0; r < qr.size; r++) for (let col = 0; col < qr.size; col++) if (qr.get(r, col)) doc.rect(x0 + col * cell, y0 + r * cell, cell, cell).fill('black');
}

/** Every page of a draft says what it is: a red header and footer line and a faint diagonal band. */
function stampDraft(doc: PDFKit.PDFDocument): void {
  const { start, count } = doc.bufferedPageRange();
  // Placed without a width, so pdfkit's line wrapper (and its page breaks) stays out of it.
  const centred = (text: string, y: number) => doc.text(text, (doc.page.width - doc.widthOfString(text)) / 2, y, { lineBreak: false });
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    doc.save().fillColor(RED).fontSize(10);
    centred(DRAFT_WATERMARK, 22);
    centred(DRAFT_WATERMARK, height - 34);
    doc.fillColor(RED, 0.14).fontSize(48).rotate(-50, { origin: [width / 2, height / 2] });
    centred('草稿 — 无效', height / 2 - 58);
    centred('DRAFT — NOT VALID', height / 2 + 4);
    doc.restore();
  }
}
