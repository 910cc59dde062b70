import { canonicalJson, canonicalHash } from './canonical';
import { ChainWalker, entryHash, GENESIS_HASH, merkleRoot, payloadHash, StoredChainEntry } from './hash-chain';

const chain = (n: number): StoredChainEntry[] => {
  const out: StoredChainEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const payload = { value: `20.0${seq}`, n: seq, nested: { b: 1, a: [1, 'x'] } };
    const header = { tenantId: 'lab-a', seq, prevHash: prev, id: `e${seq}`, recordId: `r${seq % 2}`, recordVersion: seq, kind: 'reading', payloadHash: payloadHash(payload), actor: 'p1', recordedAt: `2026-11-26T08:00:0${seq % 10}.000Z` };
    const hash = entryHash(header);
    out.push({ ...header, payload, entryHash: hash });
    prev = hash;
  }
  return out;
};

const walk = (entries: StoredChainEntry[], destroyed = new Set<string>()) => {
  const w = new ChainWalker('lab-a');
  for (const e of entries) if (!w.push(e)) break;
  return w.checkDestructions(destroyed);
};

describe('canonical serialisation (calchain-canonical-json-v1)', () => {
  it('sorts keys at every level, drops undefined and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: 'x', c: [true, null, undefined] }, z: undefined })).toBe('{"a":{"c":[true,null,null],"d":"x"},"b":1}');
    expect(canonicalHash({ a: 1, b: 2 })).toBe(canonicalHash({ b: 2, a: 1 }));
  });

  it('R-6.3.5 refuses binary floats, dates and other values without one canonical text', () => {
    expect(() => canonicalJson({ value: 20.05 })).toThrow(/decimal string/);
    expect(() => canonicalJson({ at: new Date() })).toThrow(/plain objects/);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
    expect(() => canonicalJson('a\u0000b')).toThrow(/NUL/);
  });
});

describe('record hash chain', () => {
  it('R-6.3.4 an untouched chain verifies', () => {
    expect(walk(chain(7))).toBeNull();
  });

  it('R-6.3.4 names the entry whose content was changed', () => {
    const entries = chain(7);
    entries[3] = { ...entries[3], payload: { ...(entries[3].payload as object), value: '99.9' } };
    expect(walk(entries)).toMatchObject({ problem: 'payload-hash-mismatch', seq: 4, entryId: 'e4' });
  });

  it('R-6.3.4 catches a re-hashed content through the entry hash, and a rewritten entry through the next link', () => {
    const entries = chain(5);
    const payload = { value: 'forged' };
    entries[1] = { ...entries[1], payload, payloadHash: payloadHash(payload) };
    expect(walk(entries)).toMatchObject({ problem: 'entry-hash-mismatch', seq: 2 });
    const rewritten = chain(5);
    rewritten[1] = { ...rewritten[1], payload, payloadHash: payloadHash(payload) };
    rewritten[1].entryHash = entryHash(rewritten[1]);
    expect(walk(rewritten)).toMatchObject({ problem: 'previous-hash-mismatch', seq: 3 });
  });

  it('R-6.3.4 catches a deleted and a duplicated entry', () => {
    const entries = chain(5);
    expect(walk([...entries.slice(0, 2), ...entries.slice(3)])).toMatchObject({ problem: 'sequence-gap', seq: 4 });
    expect(walk([...entries.slice(0, 3), entries[2], ...entries.slice(3)])).toMatchObject({ problem: 'sequence-gap', seq: 3 });
  });

  it('R-7.3.1 content may be missing only for a record whose destruction is recorded', () => {
    const entries = chain(4).map((e) => (e.recordId === 'r1' ? { ...e, payload: null } : e));
    expect(walk(entries)).toMatchObject({ problem: 'content-removed-without-destruction', seq: 1, recordId: 'r1' });
    expect(walk(entries, new Set(['r1']))).toBeNull();
  });

  it('R-7.2 Merkle root changes with any leaf and with order; a single leaf is its own tree', () => {
    const hashes = chain(5).map((e) => e.entryHash);
    const root = merkleRoot(hashes);
    expect(root).toMatch(/^[0-9a-f]{64}$/);
    expect(merkleRoot([...hashes].reverse())).not.toBe(root);
    expect(merkleRoot([...hashes.slice(0, 4), 'f'.repeat(64)])).not.toBe(root);
    expect(merkleRoot(hashes.slice(0, 1))).not.toBe(hashes[0]); // leaves are domain-separated
    expect(() => merkleRoot([])).toThrow();
  });
});
