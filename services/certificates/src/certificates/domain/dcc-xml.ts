import { CertificateContent, Conformity } from './content';
import { describeRule } from './rules';

/** What the DCC needs beyond the content: number, dates, signatory manifestation, amendments. */
export interface IssueFacts {
  number: string;
  issuedAt: string;
  issuedOn: string;
  /** `certificateSerial`/`certificateIssuer`: the X.509 certificate of the signing key (R-6.4.5). */
  signatory: { personId: string; printedName: string; meaning: string; certificateSerial?: string; certificateIssuer?: string };
  replaces: { number: string; pdfSha256: string } | null;
  supplementTo: { number: string; pdfSha256: string } | null;
  verifyUrl: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** notEmptyStringType: no leading/trailing or doubled-up whitespace. */
const tight = (s: string) => esc(s.replace(/\s+/g, ' ').trim() || '-');
const text = (tag: string, s: string, lang = 'zh') => `<dcc:${tag}><dcc:content lang="${lang}">${esc(s)}</dcc:content></dcc:${tag}>`;

/** ILAC-G8 decisions → DCC 3.3.0 stringConformityStatementStatusType. */
export const DCC_CONFORMITY: Record<Conformity, string> = { pass: 'pass', fail: 'fail', 'conditional-pass': 'conditionalPass', 'conditional-fail': 'conditionalFail' };

/** Units in D-SI notation where we know them; anything else travels as given in a non-SI element. */
const SI_UNITS: Record<string, string> = {
  mm: '\\milli\\metre', m: '\\metre', µm: '\\micro\\metre', um: '\\micro\\metre', g: '\\gram', kg: '\\kilogram', mg: '\\milli\\gram',
  '℃': '\\degreecelsius', '°C': '\\degreecelsius', K: '\\kelvin', Pa: '\\pascal', kPa: '\\kilo\\pascal', MPa: '\\mega\\pascal', V: '\\volt', A: '\\ampere', s: '\\second', '%': '\\percent',
};
const siUnit = (u: string) => SI_UNITS[u] ?? `|${u.replace(/\s+/g, '')}`;

/**
 * The content as a PTB Digital Calibration Certificate (schema 3.3.0, R-6.4.3). Amendments carry
 * `reportAmendedSubstituted` and the hash of the previous report (R-6.4.4).
 */
export function renderDcc(c: CertificateContent, f: IssueFacts): string {
  const amended = f.replaces ?? f.supplementTo;
  const core = [
    '<dcc:countryCodeISO3166_1>CN</dcc:countryCodeISO3166_1>',
    '<dcc:usedLangCodeISO639_1>zh</dcc:usedLangCodeISO639_1>',
    '<dcc:mandatoryLangCodeISO639_1>zh</dcc:mandatoryLangCodeISO639_1>',
    `<dcc:uniqueIdentifier>${tight(f.number)}</dcc:uniqueIdentifier>`,
    `<dcc:beginPerformanceDate>${c.measurementDate}</dcc:beginPerformanceDate>`,
    `<dcc:endPerformanceDate>${c.measurementDate}</dcc:endPerformanceDate>`,
    `<dcc:performanceLocation>${c.placeOfWork === 'on-site' ? 'customer' : 'laboratory'}</dcc:performanceLocation>`,
    `<dcc:issueDate>${f.issuedOn}</dcc:issueDate>`,
    amended
      ? `<dcc:reportAmendedSubstituted><dcc:typeOfChange>${f.replaces ? 'substituted' : 'amended'}</dcc:typeOfChange><dcc:replacedUniqueIdentifier>${tight(amended.number)}</dcc:replacedUniqueIdentifier></dcc:reportAmendedSubstituted>`
      : '',
    amended
      ? `<dcc:previousReport>${text('referral', f.replaces ? `代替证书 ${amended.number}` : `证书 ${amended.number} 的补充`)}<dcc:referralID>${tight(amended.number)}</dcc:referralID><dcc:procedure>SHA-256</dcc:procedure><dcc:value>${amended.pdfSha256}</dcc:value></dcc:previousReport>`
      : '',
  ].join('');
  const item = `<dcc:item>${text('name', c.item.description)}<dcc:identifications><dcc:identification><dcc:issuer>customer</dcc:issuer><dcc:value>${tight(c.item.serialNumber ?? c.item.itemId)}</dcc:value>${text('name', '出厂编号')}</dcc:identification></dcc:identifications></dcc:item>`;
  const lab = `<dcc:calibrationLaboratory><dcc:contact>${text('name', c.institution.name)}<dcc:location><dcc:countryCode>CN</dcc:countryCode></dcc:location></dcc:contact></dcc:calibrationLaboratory>`;
  const persons = [
    ['calibrator', c.persons.calibratorName ?? c.persons.calibrator, false],
    ['checker', c.persons.checkerName ?? c.persons.checker, false],
    ['authorised-signatory', f.signatory.printedName, true],
  ]
    .map(([role, name, main]) => `<dcc:respPerson><dcc:person>${text('name', String(name))}</dcc:person><dcc:role>${role}</dcc:role>${main ? '<dcc:mainSigner>true</dcc:mainSigner><dcc:cryptElectronicSignature>true</dcc:cryptElectronicSignature>' : ''}</dcc:respPerson>`)
    .join('');
  // R-6.4.2.1: the customer organisation by name and location (address as free text); by id when no name is known.
  const customerAddress = c.customer?.address ? text('further', c.customer.address) : '';
  const customer = `<dcc:customer>${text('name', c.customer?.name ?? c.customerId ?? '—')}<dcc:location><dcc:countryCode>CN</dcc:countryCode>${customerAddress}</dcc:location></dcc:customer>`;
  const statements = [
    c.kind === 'test-report'
      ? `<dcc:statement>${text('name', '检测报告 test report')}<dcc:declaration><dcc:content lang="zh">${esc(TEST_REPORT_DCC_NOTE)}</dcc:content></dcc:declaration></dcc:statement>`
      : '',
    ...c.statements.map(
      (s) =>
        `<dcc:statement refType="basic_conformity">${text('name', `${s.point}: ${s.limit}`)}<dcc:norm>${tight(s.clause)}</dcc:norm><dcc:declaration><dcc:content lang="zh">${esc(`判定规则: ${describeRule(s.rule, s.guardBand)}`)}</dcc:content></dcc:declaration><dcc:conformity>${DCC_CONFORMITY[s.conformity]}</dcc:conformity></dcc:statement>`,
    ),
    ...c.omittedFromStatement.map((o) => `<dcc:statement>${text('name', `未纳入符合性声明的结果 ${o.resultId}`)}<dcc:declaration><dcc:content lang="zh">${esc(o.reason)}</dcc:content></dcc:declaration></dcc:statement>`),
    c.recalibrationInterval
      ? `<dcc:statement refType="basic_recalibrationInterval">${text('name', '建议复校间隔')}<dcc:reference>${tight(c.recalibrationInterval.reference)}</dcc:reference><dcc:declaration><dcc:content lang="zh">${esc(`${c.recalibrationInterval.basis}`)}</dcc:content></dcc:declaration><dcc:period>P${c.recalibrationInterval.months}M</dcc:period></dcc:statement>`
      : '',
  ].join('');
  const results = c.results
    .map(
      (r) =>
        `<dcc:result>${text('name', `${r.quantity} ${r.point}${r.adjustment === 'not-adjusted' ? '' : ` (${r.adjustment})`}`)}<dcc:data><dcc:quantity refType="basic_measuredValue">${text('name', r.quantity)}<si:real><si:value>${r.measuredValue}</si:value><si:unit>${esc(siUnit(r.unit))}</si:unit>${
          r.expandedUncertainty && r.coverageFactor && r.uncertaintyUnit === r.unit
            ? `<si:measurementUncertaintyUnivariate><si:expandedMU><si:valueExpandedMU>${r.expandedUncertainty}</si:valueExpandedMU><si:coverageFactor>${r.coverageFactor}</si:coverageFactor><si:coverageProbability>${r.coverageProbability ?? '0.95'}</si:coverageProbability></si:expandedMU></si:measurementUncertaintyUnivariate>`
            : ''
        }</si:real></dcc:quantity>${
          r.uncertaintyUnit !== r.unit && r.expandedUncertainty
            ? `<dcc:quantity refType="basic_measurementUncertainty">${text('name', `U (k=${r.coverageFactor})`)}<si:real><si:value>${r.expandedUncertainty}</si:value><si:unit>${esc(siUnit(r.uncertaintyUnit ?? r.unit))}</si:unit></si:real></dcc:quantity>`
            : ''
        }</dcc:data></dcc:result>`,
    )
    .join('');
  const method = `<dcc:usedMethods><dcc:usedMethod>${text('name', `${c.method.code} ${c.method.version}`)}<dcc:norm>${tight(c.method.code)}</dcc:norm></dcc:usedMethod></dcc:usedMethods>`;
  const equipment = c.standards.length
    ? `<dcc:measuringEquipments>${c.standards.map((s) => `<dcc:measuringEquipment>${text('name', s.name ?? s.code ?? s.standardId)}<dcc:identifications><dcc:identification><dcc:issuer>calibrationLaboratory</dcc:issuer><dcc:value>${tight(s.code ?? s.standardId)}</dcc:value></dcc:identification></dcc:identifications></dcc:measuringEquipment>`).join('')}</dcc:measuringEquipments>`
    : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<dcc:digitalCalibrationCertificate xmlns:dcc="https://ptb.de/dcc" xmlns:si="https://ptb.de/si" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="https://ptb.de/dcc https://ptb.de/dcc/v3.3.0/dcc.xsd" schemaVersion="3.3.0">',
    '<dcc:administrativeData>',
    `<dcc:dccSoftware><dcc:software>${text('name', 'CalChain certificates', 'en')}<dcc:release>1.0.0</dcc:release></dcc:software></dcc:dccSoftware>`,
    `<dcc:coreData>${core}</dcc:coreData>`,
    `<dcc:items>${item}</dcc:items>`,
    lab,
    `<dcc:respPersons>${persons}</dcc:respPersons>`,
    customer,
    statements ? `<dcc:statements>${statements}</dcc:statements>` : '',
    '</dcc:administrativeData>',
    `<dcc:measurementResults><dcc:measurementResult>${text('name', kindTitle(c.kind))}${method}${equipment}<dcc:results>${results}</dcc:results></dcc:measurementResult></dcc:measurementResults>`,
    '</dcc:digitalCalibrationCertificate>',
    '',
  ].join('\n');
}

/**
 * R-6.4.3: the DCC 3.3.0 schema knows calibration certificates only (root
 * `digitalCalibrationCertificate`, no report type); a test report's machine-readable twin uses its
 * structure and says so, in the XML, the JSON and the PDF.
 */
export const TEST_REPORT_DCC_NOTE =
  '本文件为检测报告，不是校准证书；DCC 3.3.0 无检测报告类型，其机器可读副本沿用 DCC 结构。This is a test report, not a calibration certificate; DCC 3.3.0 has no test-report type, so its machine-readable twin uses the DCC structure.';

export function kindTitle(kind: CertificateContent['kind']): string {
  return { 'calibration-certificate': '校准证书', 'verification-certificate': '检定证书', 'verification-result-notice': '检定结果通知书', 'test-report': '检测报告' }[kind];
}
