import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { useSession } from '../../auth/session';
import { Field, Select } from '../../components/field';
import { Badge, ProblemAlert } from '../../components/status';
import { ContractItem } from './types';

interface Handling {
  intake: { label: string; channel: string; condition: string; conditionAcceptable: boolean; accessories: { name: string; quantity: number }[]; receivedAt: string } | null;
  return: unknown;
}

interface Photo { fileName: string; mediaType: string; sizeBytes: number; sha256: string; storageRef: string }

async function describePhoto(file: File): Promise<Photo> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  // The bytes go to the document store by their hash; intake keeps the reference.
  return { fileName: file.name, mediaType: file.type || 'image/jpeg', sizeBytes: file.size, sha256, storageRef: `docs://sha256/${sha256}` };
}

/** receiving one item: channel, condition, accessories checklist, photos; then its label. */
export function IntakeForm({ item }: { item: ContractItem }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queries = useQueryClient();
  const handling = useQuery({ queryKey: ['handling', item.itemId], queryFn: () => get<Handling>(`/api/intake/items/${item.itemId}/handling`), retry: false });
  const [channel, setChannel] = useState('delivered');
  const [condition, setCondition] = useState('');
  const [acceptable, setAcceptable] = useState(true);
  const [accessories, setAccessories] = useState<{ name: string; quantity: string }[]>([{ name: '', quantity: '1' }]);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const receive = useMutation({
    mutationFn: () => post(`/api/intake/items/${item.itemId}/intake`, {
      channel, condition, conditionAcceptable: acceptable,
      accessories: accessories.filter((a) => a.name.trim()).map((a) => ({ name: a.name.trim(), quantity: Number(a.quantity) })), documents: [], photos,
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
          <button type="button" className="secondary" onClick={() => window.print()}>{t('window.printLabel')}</button>
          <p className="muted">{t(`channel.${received.channel}`, { defaultValue: received.channel })} · {received.condition}</p>
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
          </fieldset>
          <label className="field">
            {t('window.photos')}
            <input type="file" accept="image/*" multiple capture="environment" onChange={async (e) => setPhotos(await Promise.all([...(e.target.files ?? [])].map(describePhoto)))} />
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
