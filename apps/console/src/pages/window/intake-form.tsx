import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { useSession } from '../../auth/session';
import { Field, Select } from '../../components/field';
import { Badge, ProblemAlert } from '../../components/status';
import { LabelSheet } from './label-sheet';
import { Attachment, describeFile, Handling, linesOf } from './return-checklist';
import { ReturnForm } from './return-form';
import { ContractItem } from './types';

/**
 * receiving one item: channel, condition, accessories and documents checklist,
 * photos; then its label to print, and later its return to the customer against that checklist.
 */
export function IntakeForm({ item, customerId, contractNumber }: { item: ContractItem; customerId: string; contractNumber: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queries = useQueryClient();
  const handling = useQuery({
    queryKey: ['handling', item.itemId],
    queryFn: () => get<Handling>(`/api/intake/items/${item.itemId}/handling`),
    retry: false,
    enabled: can('GET', `/api/intake/items/${item.itemId}/handling`),
  });
  const [documents, setDocuments] = useState('');
  const [printing, setPrinting] = useState(false);
  const [channel, setChannel] = useState('delivered');
  const [condition, setCondition] = useState('');
  const [acceptable, setAcceptable] = useState(true);
  const [accessories, setAccessories] = useState<{ name: string; quantity: string }[]>([{ name: '', quantity: '1' }]);
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const receive = useMutation({
    mutationFn: () => post(`/api/intake/items/${item.itemId}/intake`, {
      channel, condition, conditionAcceptable: acceptable,
      accessories: accessories.filter((a) => a.name.trim()).map((a) => ({ name: a.name.trim(), quantity: Number(a.quantity) })), documents: linesOf(documents), photos,
    }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['handling', item.itemId] }),
  });
  const received = handling.data?.intake;
  return (
    <section className="intake" aria-label={`${t('window.intake')} ${item.instrumentType} ${item.serialNumber ?? ''}`}>
      <h4>{item.instrumentType} {item.serialNumber}</h4>
      {received ? (
        <div>
          <Badge tone="ok">{t('window.received')}</Badge> <span className="label-text" data-testid="item-label">{received.label}</span>{' '}
          <button type="button" className="secondary" onClick={() => setPrinting(true)}>{t('window.printLabel')}</button>
          {printing && <LabelSheet intake={received} item={item} contractNumber={contractNumber} onDone={() => setPrinting(false)} />}
          <p className="muted">
            {t(`channel.${received.channel}`, { defaultValue: received.channel })} · {received.condition} · {new Date(received.receivedAt).toLocaleString()}
            {received.photos && received.photos.length > 0 && <> · {t('window.photosOnFile', { count: received.photos.length })}</>}
          </p>
          <ReturnForm item={item} customerId={customerId} handling={{ intake: received, return: handling.data?.return ?? null }} />
        </div>
      ) : can('POST', `/api/intake/items/${item.itemId}/intake`) ? (
        <form className="stack" onSubmit={(e) => { e.preventDefault(); receive.mutate(); }}>
          <Select label={t('window.channel')} value={channel} onChange={(e) => setChannel(e.target.value)} options={['delivered', 'mailed', 'picked-up'].map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          <Field label={t('window.condition')} value={condition} onChange={(e) => setCondition(e.target.value)} required name="condition" />
          <div className="field checkbox">
            <label><input type="checkbox" checked={acceptable} onChange={(e) => setAcceptable(e.target.checked)} /> {t('window.conditionAcceptable')}</label>
          </div>
          <fieldset>
            <legend>{t('window.checklist')}</legend>
            {accessories.map((a, i) => (
              <div key={i} className="inline-form">
                <Field label={t('window.accessory')} value={a.name} onChange={(e) => setAccessories((all) => all.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} name="accessory" />
                <Field label={t('field.quantity')} type="number" min={1} value={a.quantity} onChange={(e) => setAccessories((all) => all.map((x, j) => (j === i ? { ...x, quantity: e.target.value } : x)))} />
              </div>
            ))}
            <button type="button" className="secondary" onClick={() => setAccessories((all) => [...all, { name: '', quantity: '1' }])}>{t('window.addAccessory')}</button>
            <div className="field">
              <label htmlFor={`docs-${item.itemId}`}>{t('window.documentsReceived')}</label>
              <textarea id={`docs-${item.itemId}`} rows={2} value={documents} onChange={(e) => setDocuments(e.target.value)} aria-describedby={`docs-${item.itemId}-hint`} name="documents" />
              <small id={`docs-${item.itemId}-hint`} className="muted">{t('window.onePerLine')}</small>
            </div>
          </fieldset>
          <label className="field">
            {t('window.photos')}
            <input type="file" accept="image/*" multiple capture="environment" onChange={async (e) => setPhotos(await Promise.all([...(e.target.files ?? [])].map(describeFile)))} />
          </label>
          {photos.length > 0 && <p className="muted">{t('window.photosReady', { count: photos.length })}</p>}
          <button type="submit" disabled={receive.isPending}>{t('window.receive')}</button>
          <ProblemAlert error={receive.error} />
        </form>
      ) : (
        <p className="empty">{t('window.notReceived')}</p>
      )}
    </section>
  );
}
