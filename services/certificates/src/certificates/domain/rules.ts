import { decide, rescaleToUnit } from '@calchain/metrology';
import { CertificateContent, Conformity, kindFor, RecalibrationInterval, Statement } from './content';

/** A broken content rule: which field, which rule, which requirement. */
export interface RuleBreach {
  requirement: string;
  field: string;
  rule: string;
  message: string;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** R-6.4.2.2: every value or correction goes out with its expanded uncertainty and coverage factor. */
export function uncertaintyBreaches(content: CertificateContent): RuleBreach[] {
  return content.results.flatMap((r, i) => {
    const missing = [
      ['expandedUncertainty', r.expandedUncertainty],
      ['coverageFactor', r.coverageFactor],
    ].filter(([, v]) => v === null || !DECIMAL.test(String(v)));
    return missing.map(([name]) => ({
      requirement: 'R-6.4.2.2',
      field: `results[${i}].${name}`,
      rule: 'value-needs-uncertainty',
      message: `result ${r.resultId} (${r.point}) has no ${name}; a value or correction cannot be issued without its uncertainty and coverage factor`,
    }));
  });
}

/** R-6.4.2.4: adjusted or repaired items report the results before and after, in pairs. */
export function beforeAfterBreaches(content: CertificateContent): RuleBreach[] {
  const key = (r: { quantity: string; point: string }) => `${r.quantity}|${r.point}`;
  const before = new Set(content.results.filter((r) => r.adjustment === 'before-adjustment').map(key));
  const after = new Set(content.results.filter((r) => r.adjustment === 'after-adjustment').map(key));
  const unpaired = [...before].filter((k) => !after.has(k)).concat([...after].filter((k) => !before.has(k)));
  return unpaired.map((k) => ({
    requirement: 'R-6.4.2.4',
    field: 'results',
    rule: 'before-after-pair',
    message: `the point ${k.split('|')[1]} has a result only ${before.has(k) ? 'before' : 'after'} adjustment; both are reported`,
  }));
}

/** R-6.4.2.5: an interval only when the method recommends one or the customer agreed, with the basis. */
export function intervalBreaches(interval: RecalibrationInterval | null): RuleBreach[] {
  if (!interval) return [];
  const out: RuleBreach[] = [];
  if (!['method-recommends', 'customer-agreed'].includes(interval.basis)) {
    out.push({ requirement: 'R-6.4.2.5', field: 'recalibrationInterval.basis', rule: 'interval-basis', message: 'an interval needs the method recommending it or the customer agreeing' });
  }
  if (!interval.reference?.trim()) {
    out.push({ requirement: 'R-6.4.2.5', field: 'recalibrationInterval.reference', rule: 'interval-basis', message: 'the basis of the interval (method clause or agreement) is recorded' });
  }
  return out;
}

/** The statement names the rule applied (ILAC-G8 / JJF 1094) and the method clause. */
export function describeRule(rule: string, guardBand: string | null): string {
  if (rule === 'guarded') return `guarded acceptance (ILAC-G8:09/2019 §4.2.2), guard band w = ${guardBand ?? 'U'}`;
  if (rule === 'non-binary') return 'non-binary statement with conditional zones (ILAC-G8:09/2019 §4.2.3)';
  return 'simple acceptance (ILAC-G8:09/2019 §4.2.1, JJF 1094)';
}

/**
 * R-6.4.2.3: conformity statements for every result with a limit that is not omitted, each naming
 * the method clause and the decision rule; decided only via @calchain/metrology.
 */
export function conformityStatements(content: CertificateContent): { statements: Statement[]; breaches: RuleBreach[] } {
  const omitted = new Set(content.omittedFromStatement.map((o) => o.resultId));
  const judged = content.results.filter((r) => r.limit !== null && !omitted.has(r.resultId) && r.adjustment !== 'before-adjustment');
  if (judged.length === 0) return { statements: [], breaches: [] };
  const rule = content.decisionRule;
  if (!rule) {
    return {
      statements: [],
      breaches: [{ requirement: 'R-6.4.2.3', field: 'decisionRule', rule: 'decision-rule-agreed', message: 'a conformity statement needs the decision rule agreed at contract review' }],
    };
  }
  // A guard band agreed in another unit than the results is never converted silently.
  if (rule.guardBand && rule.guardBandUnit) {
    const mismatched = judged.filter((r) => r.unit !== rule.guardBandUnit);
    if (mismatched.length) {
      return {
        statements: [],
        breaches: mismatched.map((r) => ({
          requirement: 'R-6.4.2.3', field: 'decisionRule.guardBandUnit', rule: 'guard-band-unit',
          message: `the agreed guard band is in ${rule.guardBandUnit}, result ${r.resultId} in ${r.unit}`,
        })),
      };
    }
  }
  // U is compared with the limit in the result's unit: an uncertainty in µm against a limit in mm
  // is rescaled exactly by its SI prefix; units that differ otherwise are refused, never guessed.
  const uncertaintyIn = (r: CertificateContent['results'][number]) =>
    r.expandedUncertainty === null ? '0' : rescaleToUnit(r.expandedUncertainty, r.uncertaintyUnit ?? r.unit, r.unit);
  const unrelated = judged.filter((r) => uncertaintyIn(r) === null);
  if (unrelated.length) {
    return {
      statements: [],
      breaches: unrelated.map((r) => ({
        requirement: 'R-6.4.2.3', field: 'results.uncertaintyUnit', rule: 'uncertainty-unit',
        message: `result ${r.resultId} is in ${r.unit} but its uncertainty in ${r.uncertaintyUnit}; they cannot be compared for a conformity statement`,
      })),
    };
  }
  const statements = judged.map((r) => {
    const k = r.coverageFactor ?? '2';
    // A tolerance on the error ("±MPE") judges the error; an absolute limit judges the value itself.
    const value = r.limit!.trim().startsWith('±') ? (r.error ?? r.measuredValue) : r.measuredValue;
    const { decision } = decide({ value, U: uncertaintyIn(r)!, limit: limitExpression(r.limit!), rule: rule.rule, k, ...(rule.guardBand ? { w: rule.guardBand } : {}) });
    return {
      resultId: r.resultId, point: r.point, limit: r.limit!, conformity: decision as Conformity, rule: rule.rule, guardBand: rule.guardBand,
      clause: `${content.method.code}${content.method.version ? ` (${content.method.version})` : ''}`,
    };
  });
  return { statements, breaches: [] };
}

/** A limit written as a maximum permissible error ("±0.30") is a tolerance around zero error. */
export function limitExpression(limit: string): string {
  const t = limit.trim();
  return t.startsWith('±') ? `0${t}` : t;
}

/** R-6.4.1: verification with a failing statement becomes a result notice. */
export function finalKind(content: CertificateContent, statements: Statement[]): CertificateContent['kind'] {
  if (content.kind === 'calibration-certificate' || content.kind === 'test-report') return content.kind;
  return kindFor('verification', statements.some((s) => s.conformity === 'fail' || s.conformity === 'conditional-fail'));
}

/** Everything that blocks issue; empty = the content may be signed. */
export function issueBreaches(content: CertificateContent): RuleBreach[] {
  return [...uncertaintyBreaches(content), ...beforeAfterBreaches(content), ...intervalBreaches(content.recalibrationInterval), ...conformityStatements(content).breaches];
}
