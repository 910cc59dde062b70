import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, itemsOf, post } from '../../api/client';
import { Select } from '../../components/field';
import { Loading, ProblemAlert } from '../../components/status';
import { today } from '../window/types';

interface Standard { standardId: string; code: string; name: string; valid?: boolean; validUntil?: string | null }
interface Equipment { id: string; assetNumber: string; name: string; status?: string; usable?: boolean; dueDate?: string | null; nextDueDate?: string | null }
interface Room { id: string; code: string; name: string }

/** In date: usable and not past its due date; standards valid with certificates in date. */
export const inDateEquipment = (e: Equipment, on = today()) => e.usable !== false && !['out-of-service', 'retired', 'overdue', 'quarantined'].includes(e.status ?? '') && !((e.dueDate ?? e.nextDueDate ?? on) < on);
export const inDateStandard = (s: Standard, on = today()) => s.valid !== false && !(s.validUntil && s.validUntil < on);

/** Opening the record: the standards picker offers only in-date standards and equipment. */
export function OpenForm({ recordId, onDone }: { recordId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const standards = useQuery({ queryKey: ['standards'], queryFn: () => get<unknown>('/api/equipment/measurement-standards').then(itemsOf<Standard>) });
  const equipment = useQuery({ queryKey: ['equipment'], queryFn: () => get<unknown>('/api/equipment/equipment?pageSize=200').then(itemsOf<Equipment>) });
  const rooms = useQuery({ queryKey: ['rooms'], queryFn: () => get<unknown>('/api/equipment/rooms').then(itemsOf<Room>) });
  const [chosenStandards, setStandards] = useState<string[]>([]);
  const [chosenEquipment, setEquipment] = useState<string[]>([]);
  const [room, setRoom] = useState('');
  const open = useMutation({
    mutationFn: () => {
      const r = rooms.data?.find((x) => x.id === room);
      return post(`/api/records/raw-records/${recordId}/open`, { standardIds: chosenStandards, equipmentIds: chosenEquipment, roomId: r?.id ?? null, roomCode: r?.code ?? null });
    },
    onSuccess: onDone,
  });
  if (standards.isLoading || equipment.isLoading || rooms.isLoading) return <Loading />;
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const usableStandards = (standards.data ?? []).filter((s) => inDateStandard(s));
  const usableEquipment = (equipment.data ?? []).filter((e) => inDateEquipment(e));
  return (
    <form className="card stack" onSubmit={(e) => { e.preventDefault(); open.mutate(); }} aria-labelledby="open-title">
      <h2 id="open-title">{t('bench.open')}</h2>
      <ProblemAlert error={standards.error ?? equipment.error ?? rooms.error} />
      <fieldset>
        <legend>{t('bench.standards')}</legend>
        {usableStandards.length === 0 && <p className="empty">{t('bench.noStandards')}</p>}
        {usableStandards.map((s) => (
          <label key={s.standardId} className="check-row">
            <input type="checkbox" name="standard" checked={chosenStandards.includes(s.standardId)} onChange={() => setStandards((l) => toggle(l, s.standardId))} /> {s.code} {s.name}
            {s.validUntil && <span className="muted"> · {t('bench.validUntil', { date: s.validUntil })}</span>}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('bench.equipment')}</legend>
        {usableEquipment.map((e) => (
          <label key={e.id} className="check-row">
            <input type="checkbox" name="equipment" checked={chosenEquipment.includes(e.id)} onChange={() => setEquipment((l) => toggle(l, e.id))} /> {e.assetNumber} {e.name}
            {(e.dueDate ?? e.nextDueDate) && <span className="muted"> · {t('bench.dueOn', { date: e.dueDate ?? e.nextDueDate })}</span>}
          </label>
        ))}
      </fieldset>
      <Select label={t('bench.room')} value={room} onChange={(e) => setRoom(e.target.value)} name="room"
        options={[{ value: '', label: t('common.choose') }, ...(rooms.data ?? []).map((r) => ({ value: r.id, label: `${r.code} ${r.name}` }))]} />
      <button type="submit" disabled={open.isPending || chosenStandards.length === 0}>{t('bench.openRecord')}</button>
      <ProblemAlert error={open.error} />
    </form>
  );
}
