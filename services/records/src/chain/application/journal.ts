import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Outbox } from '@calchain/platform';
import { JournalEntry } from '../../raw-records/domain/record-state';
import { RECORDS_SETTINGS, RecordsSettings } from '../../shared/records-config';
import { CANONICALISATION, canonicalJson } from '../domain/canonical';
import { entryHash, GENESIS_HASH, merkleRoot, payloadHash } from '../domain/hash-chain';

interface EntryRow {
  id: string;
  seq: string;
  record_id: string;
  record_version: number;
  kind: string;
  payload: unknown;
  payload_hash: string;
  actor: string;
  recorded_at: Date;
  prev_hash: string;
  entry_hash: string;
}

export const toJournalEntry = (r: EntryRow): JournalEntry => ({
  id: r.id, seq: Number(r.seq), recordVersion: r.record_version, kind: r.kind, payload: r.payload, actor: r.actor,
  recordedAt: r.recorded_at.toISOString(), entryHash: r.entry_hash,
});

export const ENTRY_COLUMNS = 'id, seq, record_id, record_version, kind, payload, payload_hash, actor, recorded_at, prev_hash, entry_hash';

/**
 * One transaction's access to its institution's record chain. Opening it locks
 * the chain head, so appends of one institution are serialised and the chain never forks; every
 * write use case opens it first, before touching any record row, so locks are always taken in the
 * same order.
 */
export class Journal {
  private checkpointsDue = false;

  constructor(
    readonly em: EntityManager,
    readonly tenant: string,
    private seq: number,
    private head: string,
    private readonly outbox: Outbox,
    private readonly settings: RecordsSettings,
  ) {}

  /** Appends the next version of a record; the payload is stored and hashed canonically. */
  async append(recordId: string, kind: string, payload: unknown, actor: string, at: Date): Promise<JournalEntry> {
    canonicalJson(payload); // refuses floats and other unhashable values before anything is written
    const [{ v }] = await this.em.query(`select coalesce(max(record_version), 0)::int as v from record_entry where record_id = $1`, [recordId]);
    const header = {
      tenantId: this.tenant, seq: this.seq + 1, prevHash: this.head, id: randomUUID(), recordId, recordVersion: v + 1, kind,
      payloadHash: payloadHash(payload), actor, recordedAt: at.toISOString(),
    };
    const hash = entryHash(header);
    await this.em.query(
      `insert into record_entry (id, tenant_id, seq, record_id, record_version, kind, payload, payload_hash, actor, recorded_at, prev_hash, entry_hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [header.id, this.tenant, header.seq, recordId, header.recordVersion, kind, JSON.stringify(payload), header.payloadHash, actor, at, header.prevHash, hash],
    );
    await this.em.query(`update chain_head set seq = $2, head_hash = $3, updated_at = $4 where tenant_id = $1`, [this.tenant, header.seq, hash, at]);
    this.seq = header.seq;
    this.head = hash;
    this.checkpointsDue = true;
    return { id: header.id, seq: header.seq, recordVersion: header.recordVersion, kind, payload, actor, recordedAt: header.recordedAt, entryHash: hash };
  }

  async entries(recordId: string): Promise<JournalEntry[]> {
    const rows: EntryRow[] = await this.em.query(`select ${ENTRY_COLUMNS} from record_entry where record_id = $1 order by record_version`, [recordId]);
    return rows.map(toJournalEntry);
  }

  /** Publishes a checkpoint when enough entries were added since the last one. */
  async finish(now: Date): Promise<void> {
    if (!this.checkpointsDue || this.settings.RECORDS_CHECKPOINT_EVERY === 0) return;
    const last = await lastCheckpoint(this.em);
    if (this.seq - (last?.toSeq ?? 0) >= this.settings.RECORDS_CHECKPOINT_EVERY) await writeCheckpoint(this.em, this.tenant, this.outbox, now);
  }
}

export async function lastCheckpoint(em: EntityManager): Promise<{ id: string; toSeq: number; headHash: string } | null> {
  const [row] = await em.query(`select id, to_seq, head_hash from chain_checkpoint order by to_seq desc limit 1`);
  return row ? { id: row.id, toSeq: Number(row.to_seq), headHash: row.head_hash } : null;
}

/**
 * checkpoints the chain: the head and the Merkle root of the entries since the previous
 * checkpoint, stored and published as records.chain.checkpoint, so a rewrite of the chain inside
 * the database is caught against the copies held outside it. Returns null when nothing is new.
 */
export async function writeCheckpoint(em: EntityManager, tenant: string, outbox: Outbox, now: Date) {
  const [head] = await em.query(`select seq, head_hash from chain_head for update`);
  if (!head) return null;
  const last = await lastCheckpoint(em);
  const fromSeq = (last?.toSeq ?? 0) + 1;
  const toSeq = Number(head.seq);
  if (toSeq < fromSeq) return null;
  const hashes: { entry_hash: string }[] = await em.query(`select entry_hash from record_entry where seq between $1 and $2 order by seq`, [fromSeq, toSeq]);
  const checkpoint = {
    checkpointId: randomUUID(), fromSequence: fromSeq, toSequence: toSeq, entryCount: hashes.length, headHash: head.head_hash as string,
    merkleRoot: merkleRoot(hashes.map((h) => h.entry_hash)), previousCheckpointId: last?.id ?? null, previousHeadHash: last?.headHash ?? null,
    algorithm: 'sha256' as const, canonicalisation: CANONICALISATION, createdAt: now.toISOString(),
  };
  await em.query(
    `insert into chain_checkpoint (id, tenant_id, from_seq, to_seq, entry_count, head_hash, merkle_root, previous_checkpoint_id, previous_head_hash, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [checkpoint.checkpointId, tenant, fromSeq, toSeq, hashes.length, checkpoint.headHash, checkpoint.merkleRoot, checkpoint.previousCheckpointId, checkpoint.previousHeadHash, now],
  );
  await outbox.add(em, { type: 'records.chain.checkpoint', tenant, aggregateId: tenant, payload: checkpoint });
  return checkpoint;
}

@Injectable()
export class Journals {
  constructor(
    private readonly outbox: Outbox,
    @Inject(RECORDS_SETTINGS) private readonly settings: RecordsSettings,
  ) {}

  async open(em: EntityManager, tenant: string): Promise<Journal> {
    await em.query(`insert into tenant_directory (tenant_id) values ($1) on conflict do nothing`, [tenant]);
    await em.query(`insert into chain_head (tenant_id, seq, head_hash, updated_at) values ($1, 0, $2, now()) on conflict do nothing`, [tenant, GENESIS_HASH]);
    const [head] = await em.query(`select seq, head_hash from chain_head where tenant_id = $1 for update`, [tenant]);
    return new Journal(em, tenant, Number(head.seq), head.head_hash, this.outbox, this.settings);
  }
}
