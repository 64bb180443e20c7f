import { describe, expect, it } from 'vitest';
import type { AuditRecordDto } from '../../src/contract/audit';
import {
  type AuditEntry,
  GENESIS_HASH,
  type StoredAuditRecord,
  canonical,
  chainHash,
  chainStart,
  checkHead,
  seal,
  verifyChain,
} from '../../src/domain/audit-chain';

function entry(seq: number, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    actor: { accountId: 'admin-1', kind: 'admin' },
    source: { kind: 'resolver', module: 'integration-accounts-admin', key: 'accounts/tag' },
    action: 'account.tag',
    target: { type: 'account', id: `acc-${seq}` },
    after: { purpose: `p${seq}`, nested: { b: 1, a: [1, 2] } },
    outcome: 'allowed',
    ...over,
  };
}

function chain(n: number): AuditRecordDto[] {
  const out: AuditRecordDto[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const r = seal(entry(i), prev);
    out.push(r);
    prev = r.hash;
  }
  return out;
}

const stored = (records: AuditRecordDto[], keys = records.map((r) => r.seq)): StoredAuditRecord[] =>
  records.map((record, i) => ({ keySeq: keys[i] ?? record.seq, record }));

function verify(records: StoredAuditRecord[], head: { seq: number; hash: string }) {
  const { problems, cursor } = verifyChain(records, chainStart());
  return [...problems, ...checkHead(cursor, head)];
}

describe('audit chain', () => {
  it('canonical form ignores key order and undefined members', () => {
    expect(canonical({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(canonical({ a: 1, b: 2 })).toBe(canonical({ b: 2, a: 1 }));
  });

  it('hash = sha256(prevHash ‖ canonical(entry)) links every record to the one before', () => {
    const records = chain(3);
    expect(records[0]?.prevHash).toBe(GENESIS_HASH);
    expect(records[1]?.prevHash).toBe(records[0]?.hash);
    expect(records[2]?.hash).toBe(chainHash(records[1]?.hash ?? '', entry(3)));
    expect(records[2]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an intact chain verifies, also in parts', () => {
    const records = chain(5);
    const head = { seq: 5, hash: records[4]?.hash ?? '' };
    expect(verify(stored(records), head)).toEqual([]);
    const first = verifyChain(stored(records.slice(0, 2)), chainStart());
    const second = verifyChain(stored(records.slice(2)), first.cursor);
    expect([...first.problems, ...second.problems, ...checkHead(second.cursor, head)]).toEqual([]);
  });

  it('detects an edited record (content changed, hash left alone)', () => {
    const records = chain(5);
    const head = { seq: 5, hash: records[4]?.hash ?? '' };
    const edited = records.map((r) => (r.seq === 3 ? { ...r, reason: 'covered up' } : r));
    expect(verify(stored(edited), head)).toEqual([expect.objectContaining({ kind: 'edited', seq: 3 })]);
  });

  it('detects an edited record whose hash was recomputed (the next link breaks)', () => {
    const records = chain(5);
    const head = { seq: 5, hash: records[4]?.hash ?? '' };
    const forged = seal(entry(3, { outcome: 'denied' }), records[1]?.hash ?? '');
    const edited = records.map((r) => (r.seq === 3 ? forged : r));
    expect(verify(stored(edited), head)).toEqual([expect.objectContaining({ kind: 'edited', seq: 4 })]);
  });

  it('detects a removed record, in the middle and at the end', () => {
    const records = chain(5);
    const head = { seq: 5, hash: records[4]?.hash ?? '' };
    const middle = records.filter((r) => r.seq !== 2);
    expect(verify(stored(middle), head)).toEqual([expect.objectContaining({ kind: 'removed', seq: 2 })]);
    const tail = records.slice(0, 3);
    expect(verify(stored(tail), head)).toEqual([
      expect.objectContaining({ kind: 'removed', seq: 4, message: 'Records 4–5 are missing.' }),
    ]);
  });

  it('detects reordered records (two records swapped between keys)', () => {
    const records = chain(5);
    const head = { seq: 5, hash: records[4]?.hash ?? '' };
    const swapped = [records[0], records[1], records[3], records[2], records[4]] as AuditRecordDto[];
    const problems = verify(stored(swapped, [1, 2, 3, 4, 5]), head);
    expect(problems.map((p) => [p.kind, p.seq])).toEqual([
      ['reordered', 3],
      ['reordered', 4],
    ]);
  });

  it('detects a head that names another last record', () => {
    const records = chain(3);
    expect(verify(stored(records), { seq: 3, hash: 'f'.repeat(64) })).toEqual([
      expect.objectContaining({ kind: 'head-mismatch', seq: 3 }),
    ]);
  });
});
