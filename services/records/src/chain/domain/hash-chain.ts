import { createHash } from 'node:crypto';
import { canonicalHash, canonicalJson, sha256Hex } from './canonical';

/** The hash before an institution's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of one chain entry that its hash covers (everything but the hash itself). */
export interface ChainEntryHeader {
  tenantId: string;
  seq: number;
  prevHash: string;
  id: string;
  recordId: string;
  recordVersion: number;
  kind: string;
  payloadHash: string;
  actor: string;
  recordedAt: string;
}

export interface StoredChainEntry extends ChainEntryHeader {
  payload: unknown | null;
  entryHash: string;
}

/**
 * an entry's hash covers its position, its predecessor's hash and the hash of its
 * canonical content, so changing, removing or reordering any entry breaks every later link.
 * The content is hashed separately so that an approved destruction can remove the
 * content after its retention period and still leave the chain verifiable.
 */
export function entryHash(header: ChainEntryHeader): string {
  return sha256Hex(
    canonicalJson({
      v: 1,
      tenant: header.tenantId,
      seq: header.seq,
      prev: header.prevHash,
      id: header.id,
      record: header.recordId,
      version: header.recordVersion,
      kind: header.kind,
      payload: header.payloadHash,
      actor: header.actor,
      at: header.recordedAt,
    }),
  );
}

export const payloadHash = (payload: unknown): string => canonicalHash(payload);

export type ChainProblem =
  | 'sequence-gap'
  | 'previous-hash-mismatch'
  | 'payload-hash-mismatch'
  | 'entry-hash-mismatch'
  | 'content-removed-without-destruction'
  | 'head-mismatch'
  | 'checkpoint-mismatch'
  | 'projection-mismatch'
  | 'orphan-record';

export interface BrokenEntry {
  problem: ChainProblem;
  seq: number | null;
  entryId: string | null;
  recordId: string | null;
  recordVersion: number | null;
  kind: string | null;
  detail: string;
}

/**
 * Walks entries in sequence order and returns the first broken one. `destroyedRecords` are the
 * records whose destruction was itself recorded by an intact entry; only their content may be gone.
 */
export class ChainWalker {
  private expectedSeq = 1;
  private prev = GENESIS_HASH;
  private broken: BrokenEntry | null = null;
  readonly nulledRecords = new Map<string, StoredChainEntry>();
  count = 0;

  constructor(private readonly tenantId: string) {}

  get firstBroken(): BrokenEntry | null {
    return this.broken;
  }

  get headSeq(): number {
    return this.expectedSeq - 1;
  }

  get headHash(): string {
    return this.prev;
  }

  /** Feeds the next entry (in seq order); returns false once the chain is broken. */
  push(e: StoredChainEntry): boolean {
    if (this.broken) return false;
    const at = (problem: ChainProblem, detail: string): false => {
      this.broken = { problem, seq: e.seq, entryId: e.id, recordId: e.recordId, recordVersion: e.recordVersion, kind: e.kind, detail };
      return false;
    };
    if (e.seq !== this.expectedSeq) {
      return at('sequence-gap', e.seq > this.expectedSeq ? `entries ${this.expectedSeq}..${e.seq - 1} are missing` : `entry ${e.seq} appears twice`);
    }
    if (e.prevHash !== this.prev) return at('previous-hash-mismatch', `entry ${e.seq} does not link to entry ${e.seq - 1}`);
    if (e.payload === null) {
      if (!this.nulledRecords.has(e.recordId)) this.nulledRecords.set(e.recordId, e);
    } else if (payloadHash(e.payload) !== e.payloadHash) {
      return at('payload-hash-mismatch', `the content of entry ${e.seq} (record ${e.recordId} version ${e.recordVersion}, ${e.kind}) was changed`);
    }
    if (entryHash({ ...e, tenantId: this.tenantId }) !== e.entryHash) {
      return at('entry-hash-mismatch', `the header of entry ${e.seq} (record ${e.recordId} version ${e.recordVersion}, ${e.kind}) was changed`);
    }
    this.prev = e.entryHash;
    this.expectedSeq++;
    this.count++;
    return true;
  }

  /** Content may be missing only for records whose destruction is recorded in the chain. */
  checkDestructions(destroyedRecords: ReadonlySet<string>): BrokenEntry | null {
    if (this.broken) return this.broken;
    const offending = [...this.nulledRecords.values()].filter((e) => !destroyedRecords.has(e.recordId)).sort((a, b) => a.seq - b.seq)[0];
    if (offending) {
      this.broken = {
        problem: 'content-removed-without-destruction', seq: offending.seq, entryId: offending.id, recordId: offending.recordId,
        recordVersion: offending.recordVersion, kind: offending.kind, detail: `the content of entry ${offending.seq} is gone but no approved destruction of record ${offending.recordId} is recorded`,
      };
    }
    return this.broken;
  }
}

// ---------------------------------------------------------------- Merkle tree (RFC 6962 style)

const h = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();

/**
 * Merkle root over entry hashes with RFC 6962 domain separation (leaf 0x00, node 0x01); an odd
 * node is carried up unchanged, never duplicated.
 */
export function merkleRoot(entryHashes: readonly string[]): string {
  if (entryHashes.length === 0) throw new Error('a Merkle root needs at least one entry');
  let level: Buffer[] = entryHashes.map((x) => h(Buffer.from([0]), Buffer.from(x, 'hex')));
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? h(Buffer.from([1]), level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0].toString('hex');
}
