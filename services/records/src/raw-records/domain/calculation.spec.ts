import { gum, reportResult } from '@calchain/metrology';
import { calculate, CalculationError, reproduce } from './calculation';
import { checkBmc } from './bmc';
import { MethodSnapshot, Observation } from './record-state';
import { StandardRow } from './reference';

const method = (expression: string, inputs: string[], output = 'L'): MethodSnapshot => ({
  methodId: 'm', code: 'JJG 146-2011', version: '2011', title: 'Gauge blocks', status: 'verified', environmentalLimits: [],
  readings: inputs.map((symbol) => ({ symbol, description: symbol, unit: 'mm', repetitions: 10 })), measurementModel: { output, expression, inputs },
});
let n = 0;
const reading = (symbol: string, value: string, point = '50 mm', adjustment: Observation['adjustment'] = 'not-adjusted'): Observation => ({
  observationId: String(++n), type: 'reading', symbol, point, nominal: point === '50 mm' ? '50' : '100', adjustment, repeat: 1, unit: 'mm', value, originalValue: value,
  receivedAt: '2026-11-26T08:00:00.000Z', claimedAt: null, late: false, lateReason: null, capturedBy: 'p', capturedInVersion: 1, corrections: [],
});
const certificate = { estimate: '50.00002', u: { halfWidth: '0.00006', dist: 'normal', k: '2' }, source: 'certificate A-1' };

describe('results with uncertainty (R-6.3.2, R-6.3.5)', () => {
  const readings = ['0.00010', '0.00012', '0.00011', '0.00013', '0.00012'].map((v) => reading('d', v));
  const spec = { quantity: 'length', unit: 'mm', uncertaintyUnit: 'µm', outputKind: 'value' as const, inputs: { lS: certificate }, p: '0.9545' };

  it('evaluates the method\'s model with Type A from repeats and Type B from the spec, as the metrology library does', () => {
    const { results, budgets } = calculate(method('lS + d', ['lS', 'd']), readings, spec);
    const direct = gum({
      model: 'lS + d', p: '0.9545',
      inputs: [{ name: 'lS', estimate: '50.00002', u: { halfWidth: '0.00006', dist: 'normal', k: '2' } }, { name: 'd', estimate: '0.000116', u: budgets[0].inputs[1].u as string, dof: 4 }],
    });
    const reported = reportResult(direct.y, direct.U);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ resultId: '50 mm', point: '50 mm', nominal: '50', measuredValue: reported.value, unit: 'mm', uncertaintyUnit: 'µm', adjustment: 'not-adjusted' });
    // U reported in µm with the same significant figures as in mm.
    expect(Number(results[0].expandedUncertainty)).toBeCloseTo(Number(reported.U) * 1000, 10);
    expect(results[0].error).toBe((Number(reported.value) - 50).toFixed(reported.value.split('.')[1].length));
    expect(budgets[0].inputs.map((i) => i.source)).toEqual(['certificate A-1', 'Type A, 5 readings']);
    expect(budgets[0].gum.budget.map((b) => b.name)).toEqual(['lS', 'd']);
    expect(results[0].budgetHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('R-6.3.2 reproduces the result from the stored budget alone (GUM and Monte Carlo)', () => {
    const { budgets } = calculate(method('lS + d', ['lS', 'd']), readings, spec);
    expect(reproduce(JSON.parse(JSON.stringify(budgets[0])))).toMatchObject({ reproduced: true, differences: [] });
    const mc = calculate(method('lS + d', ['lS', 'd']), readings, { ...spec, evaluation: 'monte-carlo', trials: 20_000, seed: 7 });
    expect(mc.budgets[0].monteCarlo).toMatchObject({ trials: 20_000, seed: 7 });
    expect(reproduce(JSON.parse(JSON.stringify(mc.budgets[0]))).reproduced).toBe(true);
    const tampered = { ...budgets[0], inputs: budgets[0].inputs.map((i) => (i.name === 'lS' ? { ...i, estimate: '50.00102' } : i)) };
    expect(reproduce(tampered).reproduced).toBe(false);
  });

  it('computes errors of indication with before/after adjustment results kept apart (R-6.2.3, R-6.4.2.4)', () => {
    const obs = [
      ...['50.03', '50.04', '50.03'].map((v) => reading('x', v, '50 mm', 'before-adjustment')),
      ...['50.00', '50.00', '50.00'].map((v) => reading('xs', v, '50 mm', 'before-adjustment')),
      ...['50.01', '50.00', '50.01'].map((v) => reading('x', v, '50 mm', 'after-adjustment')),
      ...['50.00', '50.00', '50.00'].map((v) => reading('xs', v, '50 mm', 'after-adjustment')),
    ];
    const { results } = calculate(method('x - xs', ['x', 'xs'], 'E'), obs, {
      quantity: 'length', unit: 'mm', outputKind: 'error', indicationSymbol: 'x', referenceSymbol: 'xs',
      inputs: { xs: { u: { halfWidth: '0.002', dist: 'rectangular' }, source: 'standard' } },
    });
    expect(results.map((r) => [r.resultId, r.adjustment])).toEqual([['50 mm [before]', 'before-adjustment'], ['50 mm [after]', 'after-adjustment']]);
    expect(Number(results[0].error)).toBeCloseTo(0.0333, 2);
    expect(Number(results[0].correction)).toBeCloseTo(-0.0333, 2);
    expect(results[0].referenceValue).toBe('50');
  });

  it('refuses to evaluate when an input has neither readings nor a given value, naming it', () => {
    expect(() => calculate(method('lS + d', ['lS', 'd']), readings, { ...spec, inputs: {} })).toThrow(CalculationError);
    try {
      calculate(method('lS + d', ['lS', 'd']), readings, { ...spec, inputs: {} });
    } catch (e) {
      expect((e as CalculationError).violations[0]).toMatchObject({ field: 'inputs.lS', requirement: 'R-6.3.2' });
    }
  });
});

describe('best measurement capability (R-4.1.2)', () => {
  const standard = (U: string, unit = 'µm'): StandardRow => ({
    standardId: 's1', code: '[2024]GB-001', name: 'Gauge blocks', category: 'working', valid: true, invalidReasons: [], validUntil: '2028-01-01', certificates: [], equipmentIds: [],
    items: [{ itemId: 'i', name: 'Gauge blocks', quantity: 'length', serviceKinds: ['calibration'], methodCodes: ['JJG 146-2011'],
      ranges: [{ lower: '0.5', upper: '100', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: U, unit, coverageFactor: '2' } }] }],
  });
  const result = (U: string, nominal = '50') => ({
    resultId: 'p', quantity: 'length', point: 'p', nominal, adjustment: 'not-adjusted' as const, measuredValue: nominal, referenceValue: null, error: null, correction: null,
    unit: 'mm', expandedUncertainty: U, uncertaintyUnit: 'µm', coverageFactor: '2', coverageProbability: '0.95', limit: null, budgetHash: 'h', readings: 3,
  });

  it('accepts a U at or above the capability and flags one below it or outside every range', () => {
    expect(checkBmc([result('0.060')], [standard('0.050')], 'JJG 146-2011', 'calibration')[0].outcome).toBe('ok');
    expect(checkBmc([result('0.050')], [standard('0.050')], 'JJG 146-2011', 'calibration')[0].outcome).toBe('ok');
    expect(checkBmc([result('0.040')], [standard('0.050')], 'JJG 146-2011', 'calibration')[0]).toMatchObject({ outcome: 'better-than-bmc', capability: { standardCode: '[2024]GB-001' } });
    expect(checkBmc([result('0.040')], [standard('0.000050', 'mm')], 'JJG 146-2011', 'calibration')[0].outcome).toBe('better-than-bmc');
    expect(checkBmc([result('0.060', '150')], [standard('0.050')], 'JJG 146-2011', 'calibration')[0].outcome).toBe('outside-scope');
    expect(checkBmc([result('0.060')], [standard('0.050')], 'JJG 999', 'calibration')[0].outcome).toBe('outside-scope');
  });
});
