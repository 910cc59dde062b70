import { EntityManager } from 'typeorm';
import { projectionOf, RecordProjection } from '../../raw-records/domain/projection';
import { fold, JournalEntry } from '../../raw-records/domain/record-state';
import { BrokenEntry, ChainWalker, merkleRoot, StoredChainEntry } from '../domain/hash-chain';

/** A checkpoint as published in records.chain.checkpoint (held outside the database by consumers). */
export interface CheckpointClaim {
  checkpointId?: string;
  fromSequence: number;
  toSequence: number;
  headHash: string;
  merkleRoot: string;
}

export interface ChainReport {
  tenant: string;
  intact: boolean;
  entries: number;
  head: { seq: number; hash: string } | null;
  firstBroken: BrokenEntry | null;
  problems: BrokenEntry[];
  checkpointsChecked: number;
  recordsChecked: number;
  verifiedAt: string;
}

const BATCH = 2000;
const PROJECTED: (keyof RecordProjection)[] = [
  'status', 'currentVersion', 'headHash', 'recordNumber', 'methodVersion', 'calibrator', 'checker', 'retainUntil', 'itemCode', 'persons', 'standardIds',
  'equipmentIds', 'approvedAt', 'remeasurementOf',
];

const same = (a: unknown, b: unknown) => {
  const norm = (x: unknown) => (x instanceof Date ? x.toISOString() : Array.isArray(x) ? JSON.stringify([...x].sort()) : x ?? null);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
};

/**
 * checks an institution's whole record chain and names the first broken entry:
 * contiguous sequence, each link to its predecessor, each content hash against its canonical
 * content, each entry hash; then the stored head, every stored (and any externally held)
 * checkpoint's Merkle root, and every raw_record row against the fold of its journal. A direct
 * UPDATE or DELETE on any of these tables shows up here.
 */
export async function verifyChain(em: EntityManager, tenant: string, external: readonly CheckpointClaim[] = [], now = new Date()): Promise<ChainReport> {
  const walker = new ChainWalker(tenant);
  const byRecord = new Map<string, JournalEntry[]>();
  const hashes: string[] = [];
  const destroyed = new Set<string>();
  for (let after = 0; ; ) {
    const rows = await em.query(
      `select id, seq, record_id, record_version, kind, payload, payload_hash, actor, recorded_at, prev_hash, entry_hash
         from record_entry where seq > $1 order by seq limit ${BATCH}`,
      [after],
    );
    for (const r of rows) {
      const entry: StoredChainEntry = {
        tenantId: tenant, seq: Number(r.seq), prevHash: r.prev_hash, id: r.id, recordId: r.record_id, recordVersion: r.record_version, kind: r.kind,
        payloadHash: r.payload_hash, actor: r.actor, recordedAt: (r.recorded_at as Date).toISOString(), payload: r.payload, entryHash: r.entry_hash,
      };
      hashes[entry.seq] = entry.entryHash;
      const intact = walker.push(entry);
      if (intact && entry.kind === 'destroyed') destroyed.add(entry.recordId);
      byRecord.set(entry.recordId, [
        ...(byRecord.get(entry.recordId) ?? []),
        { id: entry.id, seq: entry.seq, recordVersion: entry.recordVersion, kind: entry.kind, payload: entry.payload, actor: entry.actor, recordedAt: entry.recordedAt, entryHash: entry.entryHash },
      ]);
    }
    if (rows.length < BATCH) break;
    after = Number(rows[rows.length - 1].seq);
  }
  walker.checkDestructions(destroyed);
  const problems: BrokenEntry[] = [];
  if (walker.firstBroken) problems.push(walker.firstBroken);

  const [head] = await em.query(`select seq, head_hash from chain_head`);
  if (!walker.firstBroken && head && (Number(head.seq) !== walker.headSeq || head.head_hash !== walker.headHash)) {
    problems.push({
      problem: 'head-mismatch', seq: Number(head.seq), entryId: null, recordId: null, recordVersion: null, kind: null,
      detail: `the chain head says entry ${head.seq} (${String(head.head_hash).slice(0, 12)}…) but the entries end at ${walker.headSeq} (${walker.headHash.slice(0, 12)}…): entries at the end were removed or the head was changed`,
    });
  }

  const stored = (await em.query(`select id, from_seq, to_seq, head_hash, merkle_root from chain_checkpoint order by to_seq`)).map(
    (c: Record<string, unknown>): CheckpointClaim => ({ checkpointId: c.id as string, fromSequence: Number(c.from_seq), toSequence: Number(c.to_seq), headHash: c.head_hash as string, merkleRoot: c.merkle_root as string }),
  );
  for (const [origin, c] of [...stored.map((c: CheckpointClaim) => ['stored', c] as const), ...external.map((c) => ['external', c] as const)]) {
    const range = hashes.slice(c.fromSequence, c.toSequence + 1);
    const complete = range.length === c.toSequence - c.fromSequence + 1 && range.every(Boolean);
    if (!complete || hashes[c.toSequence] !== c.headHash || merkleRoot(range) !== c.merkleRoot) {
      problems.push({
        problem: 'checkpoint-mismatch', seq: c.fromSequence, entryId: null, recordId: null, recordVersion: null, kind: null,
        detail: `the ${origin} checkpoint ${c.checkpointId ?? ''} over entries ${c.fromSequence}..${c.toSequence} no longer matches: an entry in that range was changed, removed or re-hashed`,
      });
    }
  }

  const rows = await em.query(`select * from raw_record order by created_at, id`);
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(row.id);
    const entries = byRecord.get(row.id);
    if (!entries) {
      problems.push({ problem: 'orphan-record', seq: null, entryId: null, recordId: row.id, recordVersion: null, kind: null, detail: `raw record ${row.id} has no journal` });
      continue;
    }
    const state = fold(row.id, entries);
    const expected = projectionOf(state, entries[entries.length - 1].entryHash);
    const actual: Record<string, unknown> = {
      status: row.status, currentVersion: row.current_version, headHash: row.head_hash, recordNumber: row.record_number, methodVersion: row.method_version,
      calibrator: row.calibrator, checker: row.checker, retainUntil: row.retain_until, itemCode: row.item_code, persons: row.persons, standardIds: row.standard_ids,
      equipmentIds: row.equipment_ids, approvedAt: row.approved_at, remeasurementOf: row.remeasurement_of,
    };
    const created = state.created;
    const base: [string, unknown, unknown][] = created
      ? [['work_order_id', row.work_order_id, created.workOrderId], ['item_id', row.item_id, created.itemId], ['order_number', row.order_number, created.orderNumber],
        ['description', row.description, created.description], ['serial_number', row.serial_number, created.serialNumber], ['service_kind', row.service_kind, created.serviceKind]]
      : [];
    const differing = [
      ...PROJECTED.filter((k) => !same(actual[k], expected[k])).map((k) => `${k} is ${JSON.stringify(actual[k])}, the journal says ${JSON.stringify(expected[k])}`),
      ...base.filter(([, a, b]) => !same(a, b)).map(([k, a, b]) => `${k} is ${JSON.stringify(a)}, the journal says ${JSON.stringify(b)}`),
    ];
    if (differing.length) {
      const last = entries[entries.length - 1];
      problems.push({
        problem: 'projection-mismatch', seq: last.seq, entryId: last.id, recordId: row.id, recordVersion: last.recordVersion, kind: last.kind,
        detail: `raw_record ${row.record_number ?? row.id} was changed outside the journal: ${differing.join('; ')}`,
      });
    }
  }
  for (const [recordId, entries] of byRecord) {
    if (!seen.has(recordId)) {
      problems.push({
        problem: 'orphan-record', seq: entries[0].seq, entryId: entries[0].id, recordId, recordVersion: 1, kind: entries[0].kind,
        detail: `the raw_record row of record ${recordId} is missing though its journal exists`,
      });
    }
  }
  // The first broken entry: the chain break itself when there is one, else the lowest position.
  const firstBroken = walker.firstBroken ?? [...problems].sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity))[0] ?? null;
  return {
    tenant, intact: problems.length === 0, entries: walker.count, head: walker.count ? { seq: walker.headSeq, hash: walker.headHash } : null,
    firstBroken, problems: problems.slice(0, 50), checkpointsChecked: stored.length + external.length, recordsChecked: rows.length, verifiedAt: now.toISOString(),
  };
}
