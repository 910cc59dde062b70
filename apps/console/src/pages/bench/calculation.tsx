import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { Field, Select } from '../../components/field';
import { Badge, ProblemAlert } from '../../components/status';
import { BudgetTables } from './budget';
import { RawRecord } from './types';

interface TypeB { estimate: string; halfWidth: string; dist: string; k: string; source: string }

const DISTRIBUTIONS = ['normal', 'rectangular', 'triangular', 'arcsine', 'u-shaped'];

/**
 * The calculation by the method's model: readings give Type A, the other model inputs are entered
 * here as Type B with their source. Each run stores the whole budget; it is shown at once.
 */
export function CalculationPanel({ record, editable, onChange }: { record: RawRecord; editable: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const model = record.method?.measurementModel;
  const readingSymbols = new Set((record.method?.readings ?? []).map((r) => r.symbol));
  const typeBInputs = (model?.inputs ?? []).filter((s) => !readingSymbols.has(s));
  const unitOfReadings = record.method?.readings[0]?.unit ?? '';
  const [quantity, setQuantity] = useState('length');
  const [unit, setUnit] = useState(unitOfReadings);
  const [uncertaintyUnit, setUncertaintyUnit] = useState('µm');
  const [p, setP] = useState('0.9545');
  const [inputs, setInputs] = useState<Record<string, TypeB>>(() => Object.fromEntries(typeBInputs.map((s) => [s, { estimate: '', halfWidth: '', dist: 'normal', k: '2', source: '' }])));
  const calculate = useMutation({
    mutationFn: () => post(`/api/records/raw-records/${record.id}/calculation`, {
      quantity, unit, uncertaintyUnit, outputKind: 'value', p,
      inputs: Object.fromEntries(Object.entries(inputs).map(([s, i]) => [s, {
        estimate: i.estimate.trim(), source: i.source.trim(),
        u: { halfWidth: i.halfWidth.trim(), dist: i.dist, ...(i.dist === 'normal' && i.k.trim() ? { k: i.k.trim() } : {}) },
      }])),
    }),
    onSuccess: onChange,
  });
  const set = (symbol: string, change: Partial<TypeB>) => setInputs((all) => ({ ...all, [symbol]: { ...all[symbol], ...change } }));
  const calc = record.calculation;
  return (
    <section className="card" aria-labelledby="calc-title">
      <h2 id="calc-title">{t('bench.calculation')}</h2>
      {model ? <p className="muted">{t('bench.model')}: {model.output} = {model.expression}</p> : <p className="empty">{t('bench.noModel')}</p>}
      {editable && model && (
        <form className="stack" onSubmit={(e) => { e.preventDefault(); calculate.mutate(); }} aria-label={t('bench.calculate')}>
          <div className="grid">
            <Field label={t('bench.quantity')} value={quantity} onChange={(e) => setQuantity(e.target.value)} required />
            <Field label={t('field.unit')} value={unit} onChange={(e) => setUnit(e.target.value)} required />
            <Field label={t('window.uncertaintyUnit')} value={uncertaintyUnit} onChange={(e) => setUncertaintyUnit(e.target.value)} required />
            <Select label={t('bench.p')} value={p} onChange={(e) => setP(e.target.value)} options={['0.95', '0.9545', '0.99'].map((v) => ({ value: v, label: v }))} />
          </div>
          {typeBInputs.map((s) => (
            <fieldset key={s} className="grid" aria-label={t('bench.typeB', { symbol: s })}>
              <legend>{t('bench.typeB', { symbol: s })}</legend>
              <Field label={t('budget.estimate')} value={inputs[s].estimate} onChange={(e) => set(s, { estimate: e.target.value })} required inputMode="decimal" name={`${s}-estimate`} />
              <Field label={t('bench.halfWidth')} value={inputs[s].halfWidth} onChange={(e) => set(s, { halfWidth: e.target.value })} required inputMode="decimal" name={`${s}-halfWidth`} />
              <Select label={t('budget.dist')} value={inputs[s].dist} onChange={(e) => set(s, { dist: e.target.value })} options={DISTRIBUTIONS.map((d) => ({ value: d, label: t(`distribution.${d}`) }))} />
              {inputs[s].dist === 'normal' && <Field label={t('budget.k')} value={inputs[s].k} onChange={(e) => set(s, { k: e.target.value })} inputMode="decimal" />}
              <Field label={t('bench.source')} value={inputs[s].source} onChange={(e) => set(s, { source: e.target.value })} required name={`${s}-source`} />
            </fieldset>
          ))}
          <button type="submit" disabled={calculate.isPending}>{calc ? t('bench.recalculate') : t('bench.calculate')}</button>
        </form>
      )}
      <ProblemAlert error={calculate.error} />
      {calc && (
        <>
          {!calc.current && <Badge tone="warn">{t('bench.calculationStale')}</Badge>}
          <BudgetTables budgets={calc.budgets} results={calc.results} />
          {calc.bmc.length > 0 && <BmcFlags flags={calc.bmc} />}
        </>
      )}
    </section>
  );
}

function BmcFlags({ flags }: { flags: unknown[] }) {
  const { t } = useTranslation();
  const problems = flags.filter((f) => (f as { ok?: boolean; flag?: unknown }).ok === false || Boolean((f as { flag?: unknown }).flag));
  if (problems.length === 0) return <p><Badge tone="ok">{t('bench.bmcOk')}</Badge></p>;
  return (
    <div role="alert" className="problem">
      <strong>{t('bench.bmcFlag')}</strong>
      <ul>{problems.map((f, i) => <li key={i}>{JSON.stringify(f)}</li>)}</ul>
    </div>
  );
}
