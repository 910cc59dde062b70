import { FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, itemsOf, post } from '../../api/client';
import { Field, Select } from '../../components/field';
import { Loading, ProblemAlert } from '../../components/status';
import { Customer } from './types';

interface Method {
  methodId: string;
  code: string;
  version: string;
  title: string;
  status?: string;
}

interface Fee {
  code: string;
  description: string;
  unitPrice: string;
}

interface ItemDraft {
  instrumentType: string;
  manufacturer: string;
  model: string;
  serialNumber: string;
  lower: string;
  upper: string;
  unit: string;
  uncertainty: string;
  uncertaintyUnit: string;
  serviceKind: 'calibration' | 'verification';
  method: string;
  discipline: string;
  place: 'lab' | 'on-site';
  feeCode: string;
  quantity: string;
  conformityStatement: boolean;
  decisionRule: 'simple' | 'guarded' | 'non-binary';
}

const blank = (): ItemDraft => ({
  instrumentType: '', manufacturer: '', model: '', serialNumber: '', lower: '', upper: '', unit: 'mm', uncertainty: '', uncertaintyUnit: 'µm',
  serviceKind: 'calibration', method: '', discipline: 'length', place: 'lab', feeCode: '', quantity: '1', conformityStatement: false, decisionRule: 'simple',
});

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** The request body of POST /contracts (R-6.1.1: what, how, where, by when, at what price). */
export function contractBody(customerId: string, contactId: string | null, items: ItemDraft[], requirements: string) {
  return {
    customerId,
    contactId,
    writtenRequirements: orNull(requirements),
    items: items.map((i) => {
      const [methodCode, methodVersion] = i.method.split('@');
      return {
        instrumentType: i.instrumentType.trim(), manufacturer: orNull(i.manufacturer), model: orNull(i.model), serialNumber: orNull(i.serialNumber),
        range: { lower: i.lower.trim(), upper: i.upper.trim(), unit: i.unit.trim() },
        requiredUncertainty: i.uncertainty.trim() ? { value: i.uncertainty.trim(), unit: i.uncertaintyUnit.trim() } : null,
        serviceKind: i.serviceKind, methodCode, methodVersion, discipline: i.discipline.trim(), place: i.place, feeCode: i.feeCode,
        quantity: Number(i.quantity), conformityStatement: i.conformityStatement,
        decisionRule: i.conformityStatement ? { rule: i.decisionRule, guardBand: null } : null,
      };
    }),
  };
}

/** A new contract with its items; the service reviews it at once and the result is shown next. */
export function NewContractPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const customerId = search.get('customerId') ?? '';
  const customer = useQuery({ queryKey: ['customer', customerId], queryFn: () => get<Customer>(`/api/intake/customers/${customerId}`), enabled: Boolean(customerId) });
  const methods = useQuery({ queryKey: ['methods'], queryFn: () => get<unknown>('/api/equipment/methods').then(itemsOf<Method>) });
  const fees = useQuery({ queryKey: ['fees'], queryFn: () => get<unknown>('/api/intake/fee-schedule').then((a) => itemsOf<Fee>((a as { entries?: Fee[] })?.entries ?? a)) });
  const [items, setItems] = useState<ItemDraft[]>([blank()]);
  const [contactId, setContactId] = useState('');
  const [requirements, setRequirements] = useState('');
  const create = useMutation({
    mutationFn: () => post<{ contract: { id: string } }>('/api/intake/contracts', contractBody(customerId, contactId || null, items, requirements)),
    onSuccess: (answer) => navigate(`/window/contracts/${answer.contract.id}`),
  });
  const update = (index: number, change: Partial<ItemDraft>) => setItems((all) => all.map((it, i) => (i === index ? { ...it, ...change } : it)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  if (!customerId) return <ProblemAlert error={new Error(t('window.pickCustomerFirst'))} />;
  if (customer.isLoading || methods.isLoading || fees.isLoading) return <Loading />;
  const methodOptions = [{ value: '', label: t('common.choose') }, ...(methods.data ?? []).map((m) => ({ value: `${m.code}@${m.version}`, label: `${m.code} (${m.version}) ${m.title}` }))];
  const feeOptions = [{ value: '', label: t('common.choose') }, ...(fees.data ?? []).map((f) => ({ value: f.code, label: `${f.code} ${f.description} ¥${f.unitPrice}` }))];
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="new-contract-title">
      <h1 id="new-contract-title">{t('window.newContractFor', { customer: customer.data?.name ?? '' })}</h1>
      <ProblemAlert error={customer.error ?? methods.error ?? fees.error} />
      {customer.data?.contacts && customer.data.contacts.length > 0 && (
        <Select label={t('window.contact')} value={contactId} onChange={(e) => setContactId(e.target.value)}
          options={[{ value: '', label: t('common.none') }, ...customer.data.contacts.map((c) => ({ value: c.id, label: c.name }))]} />
      )}
      <div className="field">
        <label htmlFor="requirements">{t('window.writtenRequirements')}</label>
        <textarea id="requirements" value={requirements} onChange={(e) => setRequirements(e.target.value)} rows={2} />
      </div>
      {items.map((item, index) => (
        <fieldset key={index} className="card item-editor" aria-label={t('window.itemN', { n: index + 1 })}>
          <legend>{t('window.itemN', { n: index + 1 })}</legend>
          <div className="grid">
            <Field label={t('field.instrumentType')} value={item.instrumentType} onChange={(e) => update(index, { instrumentType: e.target.value })} required name="instrumentType" />
            <Field label={t('field.manufacturer')} value={item.manufacturer} onChange={(e) => update(index, { manufacturer: e.target.value })} />
            <Field label={t('field.model')} value={item.model} onChange={(e) => update(index, { model: e.target.value })} />
            <Field label={t('field.serialNumber')} value={item.serialNumber} onChange={(e) => update(index, { serialNumber: e.target.value })} name="serialNumber" />
            <Field label={t('window.rangeLower')} value={item.lower} onChange={(e) => update(index, { lower: e.target.value })} required inputMode="decimal" pattern="-?\d+(\.\d+)?" name="lower" />
            <Field label={t('window.rangeUpper')} value={item.upper} onChange={(e) => update(index, { upper: e.target.value })} required inputMode="decimal" pattern="-?\d+(\.\d+)?" name="upper" />
            <Field label={t('field.unit')} value={item.unit} onChange={(e) => update(index, { unit: e.target.value })} required />
            <Field label={t('window.requiredUncertainty')} value={item.uncertainty} onChange={(e) => update(index, { uncertainty: e.target.value })} inputMode="decimal" pattern="\d+(\.\d+)?" />
            <Field label={t('window.uncertaintyUnit')} value={item.uncertaintyUnit} onChange={(e) => update(index, { uncertaintyUnit: e.target.value })} />
            <Select label={t('field.serviceKind')} value={item.serviceKind} onChange={(e) => update(index, { serviceKind: e.target.value as ItemDraft['serviceKind'] })}
              options={['calibration', 'verification'].map((k) => ({ value: k, label: t(`serviceKind.${k}`) }))} />
            <Select label={t('field.method')} value={item.method} onChange={(e) => update(index, { method: e.target.value })} required options={methodOptions} name="method" />
            <Field label={t('field.discipline')} value={item.discipline} onChange={(e) => update(index, { discipline: e.target.value })} required />
            <Select label={t('field.place')} value={item.place} onChange={(e) => update(index, { place: e.target.value as ItemDraft['place'] })}
              options={['lab', 'on-site'].map((p) => ({ value: p, label: t(`place.${p}`) }))} />
            <Select label={t('field.feeCode')} value={item.feeCode} onChange={(e) => update(index, { feeCode: e.target.value })} required options={feeOptions} name="feeCode" />
            <Field label={t('field.quantity')} value={item.quantity} onChange={(e) => update(index, { quantity: e.target.value })} type="number" min={1} max={10000} required />
            <div className="field checkbox">
              <label>
                <input type="checkbox" checked={item.conformityStatement} onChange={(e) => update(index, { conformityStatement: e.target.checked })} /> {t('window.conformityStatement')}
              </label>
            </div>
            {item.conformityStatement && (
              <Select label={t('window.decisionRule')} value={item.decisionRule} onChange={(e) => update(index, { decisionRule: e.target.value as ItemDraft['decisionRule'] })}
                options={['simple', 'guarded', 'non-binary'].map((r) => ({ value: r, label: t(`decisionRule.${r}`) }))} />
            )}
          </div>
          {items.length > 1 && <button type="button" className="secondary" onClick={() => setItems((all) => all.filter((_, i) => i !== index))}>{t('window.removeItem')}</button>}
        </fieldset>
      ))}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setItems((all) => [...all, { ...blank(), method: all[all.length - 1].method, feeCode: all[all.length - 1].feeCode }])}>{t('window.addItem')}</button>
        <button type="submit" disabled={create.isPending}>{create.isPending ? t('common.saving') : t('window.createContract')}</button>
      </div>
      <ProblemAlert error={create.error} />
    </form>
  );
}
