/**
 * Issue "Proof": the audit trail is tamper-evident. After real actions through the resolvers, records
 * are edited (with and without a recomputed hash), deleted (in the middle, the last one), reordered
 * (two records' contents swapped under their keys) and the head is forged, straight in the KVS
 * emulator; `audit/verify` must report each, and a clean chain must verify.
 */
import { beforeEach, afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSite } from '../../local/host/site.js';
import type { AuditRecordDto, ChainProblemKind } from '../../src/contract/audit';
import { ADMIN_KEYS as K } from '../../src/contract/resolver-keys';
import { chainHash, entryOf } from '../../src/domain/audit-chain';
import { people, releaseBotTag, versionOf } from './payloads';
import {
  asAdmin,
  auditHeadSeq,
  invoke,
  kvsDelete,
  kvsGet,
  kvsSet,
  must,
  startSite,
  verifyAudit,
} from './support';

let site: LocalSite;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site.close());

const AUDIT = 'audit-record';
const key = (seq: number) => String(seq).padStart(12, '0');
type Stored = { record: AuditRecordDto; hash: string } & Record<string, unknown>;
const read = (seq: number) => kvsGet(site, key(seq), AUDIT) as Stored;
const write = (seq: number, value: Stored) => kvsSet(site, key(seq), value, AUDIT);

beforeEach(async () => {
  await site.reset();
  const p = people(site);
  // Real actions: tag, update, retire, a refused attempt, an offboarding acknowledgement.
  must(await asAdmin(site, K.accountsTag, releaseBotTag(p)));
  must(
    await asAdmin(site, K.accountsUpdate, {
      accountId: p.jenkins,
      version: versionOf(site, p.jenkins),
      purpose: 'Builds',
      ownerId: p.olivia,
      integrations: [],
    }),
  );
  must(
    await asAdmin(site, K.accountsRetire, {
      accountId: p.legacy,
      version: versionOf(site, p.legacy),
      reason: 'Gone',
    }),
  );
  expect((await invoke(site, { functionKey: K.accountsList, accountId: p.nora })).ok).toBe(false);
  must(
    await invoke(site, {
      functionKey: 'offboarding/acknowledge',
      payload: { personId: p.olivia, verdict: 'block', reason: 'Seen' },
      accountId: p.admin,
    }),
  );
  expect(auditHeadSeq(site)).toBeGreaterThanOrEqual(8);
});

async function kinds(): Promise<ChainProblemKind[]> {
  const report = await verifyAudit(site);
  return report.ok ? [] : report.problems.map((p) => p.kind);
}

describe('audit/verify', () => {
  it('a chain written only by the app verifies', async () => {
    const head = auditHeadSeq(site);
    const report = await verifyAudit(site);
    expect(report.ok).toBe(true);
    expect(report.checked).toBe(head);
    expect(report.problems).toEqual([]);
  });

  it('reports a record edited in place (hash left as it was)', async () => {
    const s = read(4);
    write(4, { ...s, record: { ...s.record, reason: 'nothing to see' } });
    expect(await kinds()).toContain('edited');
  });

  it('reports a record edited with its hash recomputed (the next link breaks)', async () => {
    const s = read(4);
    const edited = { ...s.record, actor: { accountId: 'someone-else', kind: 'admin' as const } };
    const hash = chainHash(edited.prevHash, entryOf(edited));
    write(4, { ...s, hash, record: { ...edited, hash } });
    expect(await kinds()).toContain('edited');
  });

  it('reports the last record edited with its hash recomputed (the head no longer matches)', async () => {
    const last = auditHeadSeq(site);
    const s = read(last);
    const edited = { ...s.record, outcome: 'allowed' as const, reason: 'rewritten' };
    const hash = chainHash(edited.prevHash, entryOf(edited));
    write(last, { ...s, hash, record: { ...edited, hash } });
    expect(await kinds()).toContain('head-mismatch');
  });

  it('reports a record deleted from the middle', async () => {
    kvsDelete(site, key(3), AUDIT);
    expect(await kinds()).toContain('removed');
  });

  it('reports the last record deleted', async () => {
    kvsDelete(site, key(auditHeadSeq(site)), AUDIT);
    const found = await kinds();
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/removed|head-mismatch/)]));
  });

  it('reports two records swapped under each other’s keys', async () => {
    const a = read(3);
    const b = read(5);
    write(3, b);
    write(5, a);
    expect(await kinds()).toContain('reordered');
  });

  it('reports a forged head (seq and hash of a record that is not there)', async () => {
    const head = kvsGet(site, 'head', 'audit-head') as { seq: number; hash: string };
    kvsSet(site, 'head', { seq: head.seq + 1, hash: 'f'.repeat(64) }, 'audit-head');
    // The head names a record that is not there: reported as missing (or as a head mismatch).
    expect(await kinds()).toEqual(expect.arrayContaining([expect.stringMatching(/removed|head-mismatch/)]));
    // A head with the right seq but a made-up hash.
    kvsSet(site, 'head', { seq: head.seq, hash: 'e'.repeat(64) }, 'audit-head');
    expect(await kinds()).toContain('head-mismatch');
  });

  it('reports a head moved back to hide the newest record', async () => {
    const seq = auditHeadSeq(site) - 1;
    kvsSet(site, 'head', { seq, hash: read(seq).hash }, 'audit-head');
    // Every append now fails closed (the next key is taken), but the verification still answers.
    expect(await kinds()).toContain('head-mismatch');
  });

  it('reports each of several tamperings at once', async () => {
    const s2 = read(2);
    write(2, { ...s2, record: { ...s2.record, reason: 'x' } });
    kvsDelete(site, key(4), AUDIT);
    const a = read(6);
    const b = read(7);
    write(6, b);
    write(7, a);
    const report = await verifyAudit(site);
    const seqs = new Set(report.problems.map((p) => p.seq));
    expect(report.ok).toBe(false);
    expect(seqs.has(2)).toBe(true);
    expect(seqs.has(4)).toBe(true);
    expect(seqs.has(6) || seqs.has(7)).toBe(true);
  });
});
