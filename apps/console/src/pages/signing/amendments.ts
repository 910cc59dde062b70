/**
 * Pure logic of amendments: the chain of an original with its supplements and
 * replacements, and the bodies of the certificates service's supplement and reissue routes.
 */
import type { CertificateResultLine } from '@calchain/contracts';

/** A certificate as the certificates service lists it (`summary`): links are certificate ids. */
export interface ChainCertificate {
  id: string;
  number: string | null;
  status: string;
  supplementTo?: string | null;
  replaces?: string | null;
  replacedBy?: string | null;
  issuedAt?: string | null;
  voidedAt?: string | null;
  amendmentReason?: string | null;
}

export interface ChainEntry {
  certificate: ChainCertificate;
  /** How it relates to the certificate one level up (`of`); the first entry is the original. */
  relation: 'original' | 'supplement' | 'replacement';
  of: ChainCertificate | null;
  depth: number;
  /** The certificate that replaced this one (void originals), when listed. */
  replacedBy: ChainCertificate | null;
}

/**
 * Every certificate linked to `id` through supplement and replacement links (in either direction),
 * original first, each followed by its supplements and replacements in issue order. Certificates of
 * the same item that are not linked (another record version's certificate) are left out.
 */
export function certificateChain(all: readonly ChainCertificate[], id: string): ChainEntry[] {
  const byId = new Map(all.map((c) => [c.id, c]));
  if (!byId.has(id)) return [];
  const neighbours = (c: ChainCertificate) => [
    c.supplementTo, c.replaces, c.replacedBy,
    ...all.filter((o) => o.supplementTo === c.id || o.replaces === c.id || o.replacedBy === c.id).map((o) => o.id),
  ].filter((n): n is string => Boolean(n) && byId.has(n!));
  const linked = new Set<string>([id]);
  for (const queue = [id]; queue.length > 0;) {
    for (const n of neighbours(byId.get(queue.shift()!)!)) {
      if (!linked.has(n)) {
        linked.add(n);
        queue.push(n);
      }
    }
  }
  const members = all.filter((c) => linked.has(c.id));
  const parentOf = (c: ChainCertificate) => (c.supplementTo && linked.has(c.supplementTo) ? c.supplementTo : c.replaces && linked.has(c.replaces) ? c.replaces : null);
  const order = (a: ChainCertificate, b: ChainCertificate) => (a.issuedAt ?? '\uffff').localeCompare(b.issuedAt ?? '\uffff') || (a.number ?? '').localeCompare(b.number ?? '');
  const entries: ChainEntry[] = [];
  const seen = new Set<string>();
  const visit = (c: ChainCertificate, depth: number) => {
    if (seen.has(c.id)) return;
    seen.add(c.id);
    const parent = parentOf(c);
    entries.push({
      certificate: c,
      relation: parent === null ? 'original' : c.supplementTo === parent ? 'supplement' : 'replacement',
      of: parent === null ? null : byId.get(parent)!,
      depth,
      replacedBy: c.replacedBy ? byId.get(c.replacedBy) ?? null : null,
    });
    for (const child of members.filter((m) => parentOf(m) === c.id).sort(order)) visit(child, depth + 1);
  };
  for (const root of members.filter((m) => parentOf(m) === null).sort(order)) visit(root, 0);
  return entries;
}

/** A replacement of this certificate being drafted (the service allows one at a time). */
export function pendingReissue(all: readonly ChainCertificate[], id: string): ChainCertificate | undefined {
  return all.find((c) => c.replaces === id && c.status === 'draft');
}

/** One remark per non-empty line, trimmed (the service takes 1–500 characters each, at most 20). */
export function remarksOf(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

/** A result line of a certificate, as the reissue route takes it. */
export type ResultLine = CertificateResultLine;

const RESULT_KEYS: readonly (keyof ResultLine)[] = [
  'resultId', 'quantity', 'point', 'nominal', 'measuredValue', 'referenceValue', 'error', 'correction', 'unit',
  'expandedUncertainty', 'uncertaintyUnit', 'coverageFactor', 'coverageProbability', 'adjustment', 'limit',
];

/** The values a signatory may correct in a replacement, per result id. */
export type ResultEdits = Record<string, Partial<Pick<ResultLine, 'measuredValue' | 'error' | 'expandedUncertainty'>>>;
export const EDITABLE: readonly ('measuredValue' | 'error' | 'expandedUncertainty')[] = ['measuredValue', 'error', 'expandedUncertainty'];
export const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * The corrected results of a replacement: the original's lines with the signatory's corrections,
 * in exactly the fields the service accepts (its body is strict); `undefined` when nothing changed,
 * so the replacement keeps the original results. Empty optional values become null.
 */
export function reissueResults(original: readonly Partial<ResultLine>[], edits: ResultEdits): ResultLine[] | undefined {
  let changed = false;
  const lines = original.map((line) => {
    const edit = edits[line.resultId ?? ''] ?? {};
    const out = {} as Record<keyof ResultLine, unknown>;
    for (const key of RESULT_KEYS) out[key] = line[key] ?? null;
    for (const key of EDITABLE) {
      if (edit[key] === undefined) continue;
      const value = edit[key]!.trim();
      const next = value === '' && key !== 'measuredValue' ? null : value;
      if (next !== (line[key] ?? null)) {
        changed = true;
        out[key] = next;
      }
    }
    return out as unknown as ResultLine;
  });
  return changed ? lines : undefined;
}

/** Corrections that are not decimals (the service would refuse them): `resultId.field`. */
export function invalidEdits(edits: ResultEdits): string[] {
  return Object.entries(edits).flatMap(([resultId, edit]) =>
    EDITABLE.filter((k) => edit[k] !== undefined && edit[k]!.trim() !== '' && !DECIMAL.test(edit[k]!.trim())).map((k) => `${resultId}.${k}`)
      .concat(edit.measuredValue !== undefined && edit.measuredValue.trim() === '' ? [`${resultId}.measuredValue`] : []),
  );
}
