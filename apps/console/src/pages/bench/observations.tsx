import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { Field, Select } from '../../components/field';
import { Badge, ProblemAlert } from '../../components/status';
import { Observation, RawRecord, withinLimit } from './types';

/**
 * Readings entered one by one as they are taken (the server stamps each, R-6.3.3); the table keeps
 * every original value visible beside its corrections (R-6.3.4).
 */
export function ReadingsPanel({ record, editable, onChange }: { record: RawRecord; editable: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const methodReadings = record.method?.readings ?? [];
  const [symbol, setSymbol] = useState(methodReadings[0]?.symbol ?? '');
  const [point, setPoint] = useState('');
  const [nominal, setNominal] = useState('');
  const [value, setValue] = useState('');
  const unit = methodReadings.find((r) => r.symbol === symbol)?.unit;
  const add = useMutation({
    mutationFn: () => post(`/api/records/raw-records/${record.id}/readings`, { readings: [{ symbol, point: point.trim(), nominal: nominal.trim() || null, value: value.trim(), ...(unit ? { unit } : {}) }] }),
    onSuccess: () => {
      setValue('');
      onChange();
    },
  });
  return (
    <section className="card" aria-labelledby="readings-title">
      <h2 id="readings-title">{t('bench.readings')}</h2>
      {methodReadings.length > 0 && (
        <p className="muted">{methodReadings.map((r) => t('bench.readingSpec', { symbol: r.symbol, description: r.description, unit: r.unit, n: r.repetitions })).join('；')}</p>
      )}
      <ObservationTable observations={record.readings} recordId={record.id} editable={editable} onChange={onChange} kind="reading" />
      {editable && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); add.mutate(); }} aria-label={t('bench.addReading')}>
          <Select label={t('field.symbol')} value={symbol} onChange={(e) => setSymbol(e.target.value)} options={methodReadings.map((r) => ({ value: r.symbol, label: `${r.symbol} (${r.unit})` }))} />
          <Field label={t('field.point')} value={point} onChange={(e) => setPoint(e.target.value)} required name="point" />
          <Field label={t('field.nominal')} value={nominal} onChange={(e) => setNominal(e.target.value)} inputMode="decimal" pattern="-?\d+(\.\d+)?" name="nominal" />
          <Field label={`${t('field.value')}${unit ? ` (${unit})` : ''}`} value={value} onChange={(e) => setValue(e.target.value)} required inputMode="decimal" pattern="-?\d+(\.\d+)?" name="value" autoFocus />
          <button type="submit" disabled={add.isPending}>{t('bench.addReading')}</button>
        </form>
      )}
      <ProblemAlert error={add.error} />
    </section>
  );
}

const QUANTITIES = ['temperature', 'relative-humidity', 'pressure', 'mains-voltage', 'mains-frequency', 'vibration', 'emi'];

/** Room conditions recorded with the record, each against the method's limit (R-5.4.x). */
export function ConditionsPanel({ record, editable, onChange }: { record: RawRecord; editable: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const limits = record.method?.environmentalLimits ?? [];
  const [quantity, setQuantity] = useState(limits[0]?.quantity ?? 'temperature');
  const [value, setValue] = useState('');
  const unit = limits.find((l) => l.quantity === quantity)?.unit ?? (quantity === 'temperature' ? '°C' : quantity === 'relative-humidity' ? '%' : '');
  const add = useMutation({
    mutationFn: () => post(`/api/records/raw-records/${record.id}/conditions`, { conditions: [{ quantity, value: value.trim(), unit }] }),
    onSuccess: () => {
      setValue('');
      onChange();
    },
  });
  return (
    <section className="card" aria-labelledby="conditions-title">
      <h2 id="conditions-title">{t('bench.environment')}</h2>
      <ul className="limits">
        {limits.map((l) => {
          const last = [...record.conditions].reverse().find((c) => c.symbol === l.quantity);
          const ok = last ? withinLimit(last.value, l) : null;
          return (
            <li key={l.quantity}>
              {t(`quantity.${l.quantity}`, { defaultValue: l.quantity })}: {l.lower ?? '−∞'} … {l.upper ?? '+∞'} {l.unit}{' '}
              {last ? <Badge tone={ok ? 'ok' : 'bad'}>{last.value} {last.unit} {ok ? t('bench.withinLimits') : t('bench.outsideLimits')}</Badge> : <Badge tone="warn">{t('bench.notRecorded')}</Badge>}
            </li>
          );
        })}
      </ul>
      <ObservationTable observations={record.conditions} recordId={record.id} editable={editable} onChange={onChange} kind="condition" />
      {editable && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); add.mutate(); }} aria-label={t('bench.addCondition')}>
          <Select label={t('field.quantity_env')} value={quantity} onChange={(e) => setQuantity(e.target.value)} options={QUANTITIES.map((q) => ({ value: q, label: t(`quantity.${q}`, { defaultValue: q }) }))} />
          <Field label={`${t('field.value')} (${unit})`} value={value} onChange={(e) => setValue(e.target.value)} required inputMode="decimal" pattern="-?\d+(\.\d+)?" name="condition" />
          <button type="submit" disabled={add.isPending}>{t('bench.addCondition')}</button>
        </form>
      )}
      <ProblemAlert error={add.error} />
    </section>
  );
}

function ObservationTable({ observations, recordId, editable, onChange, kind }: { observations: Observation[]; recordId: string; editable: boolean; onChange: () => void; kind: 'reading' | 'condition' }) {
  const { t } = useTranslation();
  const [correcting, setCorrecting] = useState<string | null>(null);
  if (observations.length === 0) return <p className="empty">{t('bench.noObservations')}</p>;
  return (
    <div className="table-wrap">
      <table data-testid={`${kind}s`}>
        <thead>
          <tr>
            <th scope="col">{kind === 'reading' ? t('field.symbol') : t('field.quantity_env')}</th>
            {kind === 'reading' && <th scope="col">{t('field.point')}</th>}
            {kind === 'reading' && <th scope="col">#</th>}
            <th scope="col">{t('field.value')}</th><th scope="col">{t('bench.takenAt')}</th><th />
          </tr>
        </thead>
        <tbody>
          {observations.map((o) => (
            <tr key={o.observationId}>
              <td>{kind === 'reading' ? o.symbol : t(`quantity.${o.symbol}`, { defaultValue: o.symbol })}</td>
              {kind === 'reading' && <td>{o.point}</td>}
              {kind === 'reading' && <td>{o.repeat}</td>}
              <td>
                {o.corrections.length > 0 && <del title={t('bench.originalValue')}>{o.originalValue}</del>} <span className="value">{o.value}</span> {o.unit}
                {o.corrections.map((c) => <div key={c.version} className="muted small">{t('bench.correctedFrom', { from: c.previousValue, to: c.value, reason: c.reason })}</div>)}
                {o.late && <Badge tone="warn">{t('bench.late')}</Badge>}
              </td>
              <td>{new Date(o.receivedAt).toLocaleTimeString()}</td>
              <td>
                {editable && correcting !== o.observationId && <button type="button" className="link" onClick={() => setCorrecting(o.observationId)}>{t('bench.correct')}</button>}
                {correcting === o.observationId && <CorrectionForm recordId={recordId} observation={o} onDone={() => { setCorrecting(null); onChange(); }} onCancel={() => setCorrecting(null)} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** R-6.3.4 a correction gives the new value and why; the old one stays. */
function CorrectionForm({ recordId, observation, onDone, onCancel }: { recordId: string; observation: Observation; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(observation.value);
  const [reason, setReason] = useState('');
  const save = useMutation({ mutationFn: () => post(`/api/records/raw-records/${recordId}/observations/${observation.observationId}/corrections`, { value, reason }), onSuccess: onDone });
  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); save.mutate(); }} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <Field label={t('bench.newValue')} value={value} onChange={(e) => setValue(e.target.value)} required inputMode="decimal" autoFocus />
      <Field label={t('bench.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>{t('bench.saveCorrection')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
      <ProblemAlert error={save.error} />
    </form>
  );
}
