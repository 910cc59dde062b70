import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { useSession } from '../../auth/session';
import { Field, Select } from '../../components/field';
import { Badge, ProblemAlert } from '../../components/status';
import { Attachment, checklistDifferences, describeFile, Difference, handedBack, Handling, receiverOf, returnLines, ReturnLine } from './return-checklist';
import { Customer, ContractItem } from './types';

/** One difference between intake and hand-over, in words. */
export function useDifferenceText() {
  const { t } = useTranslation();
  return (d: Difference) => {
    switch (d.kind) {
      case 'missing': return t('window.diffMissing', { name: d.name, received: d.received });
      case 'quantity': return t('window.diffQuantity', { name: d.name, received: d.received, returned: d.returned });
      case 'unexpected': return t('window.diffUnexpected', { name: d.name });
      case 'document-missing': return t('window.diffDocumentMissing', { name: d.name });
      case 'document-unexpected': return t('window.diffDocumentUnexpected', { name: d.name });
    }
  };
}

/**
 * the signed hand-over back to the customer: the intake checklist (accessories and
 * documents) ticked off as it goes back, the receiver (a contact of the customer or, for a
 * courier, a description) and the signed hand-over (its form number, or a photo or scan of it).
 * Differences from the intake are shown while counting; the intake service refuses them too.
 */
export function ReturnForm({ item, customerId, handling }: { item: ContractItem; customerId: string; handling: Handling }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const difference = useDifferenceText();
  const queries = useQueryClient();
  const intake = handling.intake;
  const [lines, setLines] = useState<ReturnLine[]>(() => returnLines(intake.accessories));
  const [documents, setDocuments] = useState<Record<string, boolean>>(() => Object.fromEntries(intake.documents.map((d) => [d, true])));
  const [contactId, setContactId] = useState('');
  const [description, setDescription] = useState('');
  const [signatureRef, setSignatureRef] = useState('');
  const [signed, setSigned] = useState<Attachment | null>(null);
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const mayReturn = can('POST', `/api/intake/items/${item.itemId}/return`);
  const customer = useQuery({ queryKey: ['customer', customerId], queryFn: () => get<Customer>(`/api/intake/customers/${customerId}`), enabled: Boolean(customerId) && can('GET', `/api/intake/customers/${customerId}`) });
  const back = { accessories: handedBack(lines), documents: intake.documents.filter((d) => documents[d]) };
  const differences = checklistDifferences(intake, back);
  const receiver = receiverOf(contactId, description);
  const save = useMutation({
    mutationFn: () => post(`/api/intake/items/${item.itemId}/return`, { ...back, photos, ...receiver, signatureRef: signatureRef.trim() }),
    onSuccess: () => queries.invalidateQueries({ predicate: (q) => ['handling', 'work-orders'].includes(String(q.queryKey[0])) }),
  });
  const returned = handling.return;
  if (returned) {
    const contact = customer.data?.contacts?.find((c) => c.id === returned.handedOverTo)?.name;
    return (
      <div className="card returned" data-testid="item-returned">
        <Badge tone="ok">{t('window.returned')}</Badge>{' '}
        <span className="muted">{t('window.returnedAt', { at: new Date(returned.returnedAt).toLocaleString(), who: contact ?? returned.receiverDescription ?? returned.handedOverTo ?? '—' })}</span>
        <ul className="checklist-done">
          {returned.accessories.map((a) => <li key={a.name}>{a.name} × {a.quantity}</li>)}
          {returned.documents.map((d) => <li key={d}>{d}</li>)}
        </ul>
        <p className="muted small">{t('window.signatureRef')}: <code>{returned.signatureRef}</code></p>
        {returned.photos && returned.photos.length > 0 && <p className="muted small">{t('window.photosOnFile', { count: returned.photos.length })}</p>}
      </div>
    );
  }
  if (!mayReturn) return null;
  const setLine = (i: number, change: Partial<ReturnLine>) => setLines((all) => all.map((l, j) => (j === i ? { ...l, ...change } : l)));
  const contacts = customer.data?.contacts ?? [];
  return (
    <details className="card return-card">
      <summary>{t('window.returnTitle')}</summary>
      <form className="stack" aria-label={`${t('window.returnTitle')} ${item.instrumentType} ${item.serialNumber ?? ''}`.trim()} onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <fieldset>
          <legend>{t('window.returnChecklist')}</legend>
          {lines.length === 0 && intake.documents.length === 0 && <p className="muted">{t('window.nothingElseReceived')}</p>}
          {lines.length > 0 && (
            <table className="checklist">
              <thead>
                <tr><th scope="col">{t('window.accessory')}</th><th scope="col">{t('window.receivedQty')}</th><th scope="col">{t('window.handedBack')}</th><th scope="col">{t('window.returnedQty')}</th></tr>
              </thead>
              <tbody>
                {lines.map((l, i) => (
                  <tr key={l.name} data-accessory={l.name}>
                    <th scope="row">{l.name}</th>
                    <td>{l.received}</td>
                    <td><input type="checkbox" checked={l.handedBack} onChange={(e) => setLine(i, { handedBack: e.target.checked })} aria-label={`${t('window.handedBack')}: ${l.name}`} /></td>
                    <td><input type="number" min={1} max={10000} value={l.quantity} disabled={!l.handedBack} onChange={(e) => setLine(i, { quantity: e.target.value })} aria-label={`${t('window.returnedQty')}: ${l.name}`} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {intake.documents.map((d) => (
            <label key={d} className="check-row">
              <input type="checkbox" checked={documents[d] ?? false} onChange={(e) => setDocuments((all) => ({ ...all, [d]: e.target.checked }))} /> {t('window.documentBack', { name: d })}
            </label>
          ))}
          {intake.photos && intake.photos.length > 0 && (
            <details>
              <summary>{t('window.intakePhotos', { count: intake.photos.length })}</summary>
              <ul className="small">{intake.photos.map((p) => <li key={p.sha256}>{p.fileName} <code>{p.storageRef}</code></li>)}</ul>
            </details>
          )}
        </fieldset>
        {differences.length > 0 && (
          <div role="status" className="notice notice-bad" data-testid="return-differences">
            <strong>{t('window.differsFromIntake')}</strong>
            <ul>{differences.map((d) => <li key={`${d.kind}-${d.name}`}>{difference(d)}</li>)}</ul>
          </div>
        )}
        <Select label={t('window.receiver')} value={contactId} onChange={(e) => setContactId(e.target.value)} name="receiver"
          options={[{ value: '', label: t('window.receiverOther') }, ...contacts.map((c) => ({ value: c.id, label: c.name }))]} />
        <Field label={contactId ? t('window.receiverNote') : t('window.receiverDescription')} value={description} onChange={(e) => setDescription(e.target.value)} required={!contactId} maxLength={300} name="receiverDescription" />
        <Field label={t('window.signatureRef')} hint={t('window.signatureHint')} value={signatureRef} onChange={(e) => { setSignatureRef(e.target.value); setSigned(null); }} required maxLength={300} name="signatureRef" />
        <label className="field">
          {t('window.signaturePhoto')}
          <input type="file" accept="image/*,application/pdf" capture="environment" name="signaturePhoto" onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            const described = await describeFile(file);
            setSigned(described);
            setSignatureRef(described.storageRef);
          }} />
        </label>
        {signed && <p className="muted small">{t('window.signaturePhotoReady', { name: signed.fileName })}</p>}
        <label className="field">
          {t('window.photos')}
          <input type="file" accept="image/*" multiple capture="environment" name="returnPhotos" onChange={async (e) => setPhotos(await Promise.all([...(e.target.files ?? [])].map(describeFile)))} />
        </label>
        {photos.length > 0 && <p className="muted">{t('window.photosReady', { count: photos.length })}</p>}
        <div className="actions">
          <button type="submit" disabled={save.isPending || !receiver || !signatureRef.trim()}>{save.isPending ? t('common.saving') : t('window.recordReturn')}</button>
        </div>
        <ProblemAlert error={save.error} />
      </form>
    </details>
  );
}
