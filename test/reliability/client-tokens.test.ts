/**
 * Issue 12, "No trusted client state": every token the client holds (paging cursors, export cursors,
 * the audit-verify resume token) is parsed by a schema and authenticated; malformed or forged → BAD_REQUEST
 * (never INTERNAL, never a page or a report the server did not produce); verify never reports records it
 * did not read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSite } from '../../local/host/site.js';
import type { AccountsPage } from '../../src/contract/accounts';
import type { AuditPage, AuditVerifyReport } from '../../src/contract/audit';
import type { ExportChunk } from '../../src/contract/common';
import type { Envelope } from '../../src/contract/envelope';
import { ADMIN_KEYS as A, OVERSIGHT_KEYS as S } from '../../src/contract/resolver-keys';
import { people } from './payloads';
import { asAdmin, auditHeadSeq, kvsGet, must, startSite } from './support';

let site: LocalSite;
beforeAll(async () => {
  site = await startSite();
  // Enough records for a second page of everything (small page sizes below).
  const p = people(site);
  for (let i = 0; i < 6; i++) await asAdmin(site, A.accountsGet, { accountId: p.jenkins });
  for (let i = 0; i < 6; i++) await asAdmin(site, A.exportRegistry, { format: 'json' });
});
afterAll(() => site.close());

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** The keys that take a client-held token, and where. */
const TOKEN_KEYS: { key: string; field: string; base: Record<string, unknown> }[] = [
  { key: A.accountsList, field: 'cursor', base: { pageSize: 1 } },
  { key: A.accountsGet, field: 'historyCursor', base: {} },
  { key: A.auditList, field: 'cursor', base: { pageSize: 2 } },
  { key: A.auditExport, field: 'cursor', base: { format: 'json' } },
  { key: A.exportRegistry, field: 'cursor', base: { format: 'json' } },
  { key: A.auditVerify, field: 'resume', base: {} },
  { key: S.findingsList, field: 'cursor', base: {} },
];

const MALFORMED = [
  'x',
  'not-a-cursor',
  b64({ s: 0, n: 1 }),
  b64({ nextSeq: 1, prevHash: '0'.repeat(64), head: { seq: 1, hash: 'x' }, checked: 0, problems: [] }),
  '%%%%',
  'a'.repeat(3999),
  `${b64({ k: 'accounts/list', v: 'abc' })}.${'A'.repeat(43)}`,
];

describe('client-held tokens', () => {
  it('malformed or forged tokens answer BAD_REQUEST on every key that takes one', async () => {
    const p = people(site);
    const wrong: string[] = [];
    for (const { key, field, base } of TOKEN_KEYS) {
      for (const token of MALFORMED) {
        const payload = {
          ...base,
          ...(key === A.accountsGet ? { accountId: p.jenkins } : {}),
          [field]: token,
        };
        const r: Envelope<unknown> = await asAdmin(site, key, payload);
        if (r.ok || r.error.code !== 'BAD_REQUEST')
          wrong.push(`${key} ${field}=${token.slice(0, 20)}…: ${r.ok ? 'ok' : r.error.code}`);
      }
    }
    console.log(`client tokens: ${wrong.length} of ${TOKEN_KEYS.length * MALFORMED.length} not refused`);
    expect(wrong).toEqual([]);
  }, 60_000);

  it('a token handed out by one key is refused by another', async () => {
    const audit = must(await asAdmin<AuditPage>(site, A.auditList, { pageSize: 2 }));
    expect(audit.nextCursor).toBeDefined();
    const r = await asAdmin<AccountsPage>(site, A.accountsList, { pageSize: 1, cursor: audit.nextCursor });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BAD_REQUEST');
  });

  it('genuine tokens still page through the audit trail and the export', async () => {
    const first = must(await asAdmin<AuditPage>(site, A.auditList, { pageSize: 2 }));
    const second = must(
      await asAdmin<AuditPage>(site, A.auditList, { pageSize: 2, cursor: first.nextCursor }),
    );
    expect(second.records[0]?.seq).toBeLessThan(first.records[1]?.seq ?? 0);
    let chunk = must(await asAdmin<ExportChunk>(site, A.auditExport, { format: 'json' }));
    let total = chunk.count;
    while (chunk.nextCursor) {
      chunk = must(
        await asAdmin<ExportChunk>(site, A.auditExport, { format: 'json', cursor: chunk.nextCursor }),
      );
      total += chunk.count;
    }
    expect(total).toBeGreaterThan(0);
  });

  it('verify never reports records it did not read (a forged resume token claiming a clean chain)', async () => {
    const seq = auditHeadSeq(site);
    const head = kvsGet(site, 'head', 'audit-head') as { seq: number; hash: string };
    const forged = b64({ nextSeq: seq + 1, prevHash: head.hash, head, checked: 1_000_000, problems: [] });
    const r = await asAdmin<AuditVerifyReport>(site, A.auditVerify, { resume: forged });
    expect(r.ok && r.data.checked, 'verify reported records it never read').toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BAD_REQUEST');
  });
});
