import { approvedRecord, result } from '../../../test/fixtures';
import { canonicalJson } from './canonical';
import { customerScope, visibleTo } from './audience';
import { contentFromRecord, kindFor, seriesOf } from './content';
import { formatNumber, retainUntil } from './numbering';
import { beforeAfterBreaches, conformityStatements, finalKind, intervalBreaches, uncertaintyBreaches } from './rules';
import { maySign } from './signatory';

const inst = { id: 'lab', name: '华东计量院' };

describe('certificate content rules', () => {
  it('R-6.4.2.2 refuses a value without expanded uncertainty or coverage factor', () => {
    const c = contentFromRecord(approvedRecord(), inst);
    expect(uncertaintyBreaches(c)).toEqual([]);
    c.results = [{ ...c.results[0]!, expandedUncertainty: null }, { ...c.results[0]!, resultId: 'r2', coverageFactor: null }];
    expect(uncertaintyBreaches(c).map((b) => [b.field, b.rule, b.requirement])).toEqual([
      ['results[0].expandedUncertainty', 'value-needs-uncertainty', 'R-6.4.2.2'],
      ['results[1].coverageFactor', 'value-needs-uncertainty', 'R-6.4.2.2'],
    ]);
  });

  it('R-6.4.2.4 requires before and after results in pairs', () => {
    const c = contentFromRecord(approvedRecord({ results: [result({ adjustment: 'before-adjustment' })] }), inst);
    expect(beforeAfterBreaches(c)).toEqual([expect.objectContaining({ requirement: 'R-6.4.2.4', rule: 'before-after-pair' })]);
    c.results.push({ ...c.results[0]!, resultId: 'r2', adjustment: 'after-adjustment' });
    expect(beforeAfterBreaches(c)).toEqual([]);
  });

  it('R-6.4.2.5 accepts an interval only with a recorded basis', () => {
    expect(intervalBreaches(null)).toEqual([]);
    expect(intervalBreaches({ months: 12, basis: 'customer-agreed', reference: 'contract HT-1 §3' })).toEqual([]);
    expect(intervalBreaches({ months: 12, basis: 'customer-agreed', reference: ' ' })[0]).toMatchObject({ requirement: 'R-6.4.2.5', field: 'recalibrationInterval.reference' });
    expect(intervalBreaches({ months: 12, basis: 'guess' as never, reference: 'x' })[0]).toMatchObject({ field: 'recalibrationInterval.basis' });
  });

  it('R-6.4.2.3 needs the agreed decision rule for a statement, names rule and clause, and keeps omitted results out of it', () => {
    const c = contentFromRecord(approvedRecord({ serviceKind: 'verification', results: [result({ limit: '±0.005' }), result({ resultId: 'r2', limit: '±0.005' })] }), inst);
    expect(conformityStatements(c).breaches[0]).toMatchObject({ requirement: 'R-6.4.2.3', rule: 'decision-rule-agreed' });
    c.decisionRule = { rule: 'simple', guardBand: null, agreedAt: '2026-01-01T00:00:00Z', contractNumber: 'HT-1' };
    c.omittedFromStatement = [{ resultId: 'r2', reason: 'customer asked for r1 only' }];
    const { statements } = conformityStatements(c);
    expect(statements).toEqual([expect.objectContaining({ resultId: 'r1', conformity: 'pass', rule: 'simple', clause: 'JJF 1000-2026 (2026)' })]);
    expect(c.results.map((r) => r.resultId)).toEqual(['r1', 'r2']);
  });

  it.each`
    error       | rule            | conformity
    ${'0.002'}  | ${'guarded'}    | ${'pass'}
    ${'0.0021'} | ${'guarded'}    | ${'fail'}
    ${'0.0021'} | ${'simple'}     | ${'pass'}
    ${'0.004'}  | ${'non-binary'} | ${'conditional-pass'}
    ${'0.006'}  | ${'non-binary'} | ${'conditional-fail'}
    ${'0.009'}  | ${'non-binary'} | ${'fail'}
  `('R-6.4.2.3 at the guard band (±0.005, U = 0.003): error $error under $rule → $conformity', ({ error, rule, conformity }) => {
    const c = contentFromRecord(approvedRecord({ serviceKind: 'verification', results: [result({ error, limit: '±0.005' })] }), inst);
    c.decisionRule = { rule, guardBand: null, agreedAt: '2026-01-01T00:00:00Z', contractNumber: null };
    expect(conformityStatements(c).statements[0]!.conformity).toBe(conformity);
  });

  it('R-6.4.2.3 R-6.1.2 applies a guard band agreed at contract review in the results unit, and refuses one in another unit (never converted)', () => {
    const c = contentFromRecord(approvedRecord({ serviceKind: 'verification', results: [result({ error: '0.0035', limit: '±0.005' })] }), inst);
    c.decisionRule = { rule: 'guarded', guardBand: '0.001', guardBandUnit: 'mm', agreedAt: '2026-01-01T00:00:00Z', contractNumber: 'HT-1' };
    expect(conformityStatements(c)).toEqual({ statements: [expect.objectContaining({ conformity: 'pass', rule: 'guarded', guardBand: '0.001' })], breaches: [] });
    c.decisionRule = { ...c.decisionRule, guardBandUnit: 'µm' };
    expect(conformityStatements(c)).toEqual({
      statements: [], breaches: [expect.objectContaining({ requirement: 'R-6.4.2.3', field: 'decisionRule.guardBandUnit', rule: 'guard-band-unit' })],
    });
  });

  it('R-6.4.2.3 compares an uncertainty given in µm with a limit in mm after rescaling it exactly, and refuses an unrelated unit', () => {
    const c = contentFromRecord(approvedRecord({ serviceKind: 'verification', results: [result({ error: '0.002', limit: '±0.005', expandedUncertainty: '3', uncertaintyUnit: 'µm' })] }), inst);
    c.decisionRule = { rule: 'guarded', guardBand: null, agreedAt: '2026-01-01T00:00:00Z', contractNumber: null };
    // 3 µm = 0.003 mm: |0.002| + 0.003 = 0.005 is inside; read as 3 mm it would fail.
    expect(conformityStatements(c)).toEqual({ statements: [expect.objectContaining({ conformity: 'pass' })], breaches: [] });
    c.results = [{ ...c.results[0]!, uncertaintyUnit: 'mV' }];
    expect(conformityStatements(c)).toEqual({
      statements: [], breaches: [expect.objectContaining({ requirement: 'R-6.4.2.3', field: 'results.uncertaintyUnit', rule: 'uncertainty-unit' })],
    });
  });

  it('R-6.4.1 a failed verification becomes a result notice; calibration stays a certificate', () => {
    const c = contentFromRecord(approvedRecord({ serviceKind: 'verification' }), inst);
    expect(finalKind(c, [{ conformity: 'fail' } as never])).toBe('verification-result-notice');
    expect(finalKind(c, [{ conformity: 'pass' } as never])).toBe('verification-certificate');
    expect(kindFor('calibration', true)).toBe('calibration-certificate');
  });

  it('R-6.4.3 an item whose contract requests a test report gets a test report, which a failing statement does not turn into a notice', () => {
    const c = contentFromRecord(approvedRecord({ serviceKind: 'verification' }), inst, 'test-report');
    expect(c.kind).toBe('test-report');
    expect(finalKind(c, [{ conformity: 'fail' } as never])).toBe('test-report');
    expect(kindFor('calibration', false, 'certificate')).toBe('calibration-certificate');
    expect(seriesOf('test-report')).toBe('test-report');
    expect(seriesOf('verification-result-notice')).toBe('certificate');
  });

  it('R-7.3.1 a customer-only caller is scoped to its own customer id; staff and the regulator see the register', () => {
    expect(customerScope({ roles: ['customer'], customerId: 'c-1' })).toBe('c-1');
    expect(customerScope({ roles: ['customer'] })).toBe('');
    expect(customerScope({ roles: ['customer', 'technical-manager'], customerId: 'c-1' })).toBeUndefined();
    expect(customerScope({ roles: ['regulator'] })).toBeUndefined();
    expect(visibleTo('c-1', { customer_id: 'c-1', status: 'issued' })).toBe(true);
    expect(visibleTo('c-1', { customer_id: 'c-1', status: 'draft' })).toBe(false);
    expect(visibleTo('c-1', { customer_id: 'c-2', status: 'issued' })).toBe(false);
    expect(visibleTo('', { customer_id: '', status: 'issued' })).toBe(false);
    expect(visibleTo(undefined, { customer_id: null, status: 'draft' })).toBe(true);
  });

  it('R-5.1.3 only a current, qualified authorised signatory for the item may sign', () => {
    const a = { itemCode: 'JJG 21-2008', validFrom: '2026-01-01', validUntil: '2026-12-31', endedOn: null, qualifiedForResponsible: true };
    expect(maySign([a], 'JJG 21-2008', '2026-06-01')).toEqual({ ok: true });
    expect(maySign([a], 'JJG 99', '2026-06-01')).toMatchObject({ ok: false, rule: 'authorised-signatory' });
    expect(maySign([{ ...a, endedOn: '2026-05-01' }], 'JJG 21-2008', '2026-06-01')).toMatchObject({ ok: false });
    expect(maySign([{ ...a, qualifiedForResponsible: false }], 'JJG 21-2008', '2026-06-01')).toMatchObject({ ok: false, rule: 'signatory-qualification' });
    expect(maySign([a], null, '2026-06-01')).toMatchObject({ ok: false, rule: 'item-code-known' });
  });

  it('R-6.4.5 / R-7.3.2 numbers and retention; canonical JSON sorts keys and refuses floats', () => {
    expect(formatNumber('HD', 2026, 42)).toBe('HD-2026-000042');
    expect(formatNumber('HD', 2026, 7, 'test-report')).toBe('HD-TR-2026-000007');
    expect(retainUntil('2026-03-01')).toBe('2032-03-01');
    expect(retainUntil('2024-02-29')).toBe('2030-03-01');
    expect(retainUntil('2028-02-29')).toBe('2034-03-01');
    expect(retainUntil('0050-06-30')).toBe('0056-06-30');
    expect(canonicalJson({ b: '1', a: [1, { d: null, c: 'x' }] })).toBe('{"a":[1,{"c":"x","d":null}],"b":"1"}');
    expect(() => canonicalJson({ v: 0.1 })).toThrow(/decimal strings/);
  });
});
