/**
 * Issue "Proof": no lost updates. K writers race on one account for N rounds, each saving the version
 * it read with its own marker appended to the notes: every successful save must be in the final notes
 * and each version has exactly one winner. The same checker on a naive writer (read, then write straight
 * into the KVS emulator with no version condition) must find lost updates — so the check can fail.
 * Then K admins tag the same account at once: exactly one winner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSite } from '../../local/host/site.js';
import type { AccountDetail, AccountDto, AccountsPage } from '../../src/contract/accounts';
import { ADMIN_KEYS as K, ADMIN_MODULE_KEY } from '../../src/contract/resolver-keys';
import { refusalKindKey } from '../../src/app/record-refusal';
import { people, releaseBotTag } from './payloads';
import {
  asAdmin,
  auditAll,
  kvsGet,
  kvsSet,
  must,
  startSite,
  storedAccountProblems,
  verifyAudit,
} from './support';

const WRITERS = Number(process.env.RELIABILITY_WRITERS ?? 8);
const ROUNDS = Number(process.env.RELIABILITY_ROUNDS ?? 20);

let site: LocalSite;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site.close());

const markersIn = (notes: string | undefined): string[] =>
  (notes ?? '').split(' ').filter((m) => m.startsWith('w'));

/** Successful writes whose marker is missing from the final state. */
export function lostUpdates(successful: string[], finalNotes: string | undefined): string[] {
  const present = new Set(markersIn(finalNotes));
  return successful.filter((m) => !present.has(m));
}

describe('optimistic concurrency on accounts/update', () => {
  it(`${WRITERS} writers × ${ROUNDS} rounds: 0 lost updates, exactly one winner per version`, async () => {
    await site.reset();
    const { jenkins } = people(site);
    const successful: string[] = [];
    const winnersByVersion = new Map<number, number>();
    let conflicts = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Every writer reads, then all save at once (the read is part of each writer's own flow).
      const reads = await Promise.all(
        Array.from({ length: WRITERS }, () =>
          asAdmin<AccountDetail>(site, K.accountsGet, { accountId: jenkins }),
        ),
      );
      const results = await Promise.all(
        reads.map(async (read, w) => {
          const a = must(read).account;
          const marker = `w${w}r${round}`;
          const r = await asAdmin<AccountDto>(site, K.accountsUpdate, {
            accountId: a.accountId,
            version: a.version,
            purpose: a.purpose,
            ownerId: a.ownerId,
            integrations: a.integrations,
            reviewCadenceDays: a.reviewCadenceDays,
            notes: `${a.notes ?? ''} ${marker}`.trim(),
          });
          return { r, marker, version: a.version };
        }),
      );
      for (const { r, marker, version } of results) {
        if (r.ok) {
          successful.push(marker);
          winnersByVersion.set(version, (winnersByVersion.get(version) ?? 0) + 1);
        } else {
          expect(r.error.code).toBe('CONFLICT');
          conflicts++;
        }
      }
    }
    const final = must(await asAdmin<AccountDetail>(site, K.accountsGet, { accountId: jenkins })).account;
    expect(lostUpdates(successful, final.notes)).toEqual([]);
    expect(markersIn(final.notes).sort()).toEqual([...successful].sort());
    expect(winnersByVersion.size).toBeGreaterThan(0);
    expect([...winnersByVersion.values()].every((n) => n === 1)).toBe(true);
    expect(successful.length).toBe(ROUNDS);
    expect(final.version).toBe(1 + ROUNDS);
    expect(conflicts).toBe(ROUNDS * (WRITERS - 1));
    // Every win is one audited update; every conflict is accounted for in the trail: the refusals of one
    // kind and minute are one record whose count the next window's record closes, or the open window.
    const updates = await auditAll(site, { targetId: jenkins, action: 'account.update' });
    expect(updates.filter((r) => r.outcome === 'allowed')).toHaveLength(ROUNDS);
    const refused = updates.filter((r) => r.outcome === 'refused');
    const kind = refusalKindKey(
      {
        actorId: people(site).admin,
        actorKind: 'admin',
        source: { kind: 'resolver', module: ADMIN_MODULE_KEY, key: K.accountsUpdate },
      },
      'refused',
      'CONFLICT',
      false,
    );
    const open = (kvsGet(site, kind, 'refusal-window') as { count?: number } | undefined)?.count ?? 0;
    const closed = refused.reduce((n, r) => n + (r.repeat?.closes?.count ?? 0), 0);
    expect(open + closed).toBe(conflicts);
    expect(refused.length).toBeLessThanOrEqual(3);
    expect(storedAccountProblems(site)).toEqual([]);
    expect((await verifyAudit(site)).ok).toBe(true);
    console.log(`concurrency: ${successful.length} wins, ${conflicts} conflicts, 0 lost updates`);
  }, 120_000);

  it('control: a naive writer (no version condition) loses updates, and the checker sees it', async () => {
    await site.reset();
    const { jenkins } = people(site);
    const successful: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          const stored = kvsGet(site, jenkins, 'integration-account') as {
            version: number;
            record: { notes?: string; version: number };
          };
          await new Promise((resolve) => setImmediate(resolve)); // the gap between read and write
          const marker = `w${w}r${round}`;
          const notes = `${stored.record.notes ?? ''} ${marker}`.trim();
          const version = stored.version + 1;
          kvsSet(
            site,
            jenkins,
            { ...stored, version, record: { ...stored.record, notes, version } },
            'integration-account',
          );
          successful.push(marker); // an unconditional write always "succeeds"
        }),
      );
    }
    const final = kvsGet(site, jenkins, 'integration-account') as { record: { notes?: string } };
    const lost = lostUpdates(successful, final.record.notes);
    console.log(
      `concurrency control: ${successful.length} naive writes, ${lost.length} lost updates detected`,
    );
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.length).toBe(ROUNDS * (WRITERS - 1));
  });

  it(`${WRITERS} admins tag the same account at once: exactly one winner, one record, counters +1`, async () => {
    await site.reset();
    const p = people(site);
    const before = must(await asAdmin<AccountsPage>(site, K.accountsList, {})).counts.active;
    const results = await Promise.all(
      Array.from({ length: WRITERS }, () => asAdmin<AccountDto>(site, K.accountsTag, releaseBotTag(p))),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const codes = results.flatMap((r) => (r.ok ? [] : [r.error.code]));
    // A racer that lost inside the commit gets CONFLICT; one that read after the winner committed is
    // told the account is already tagged (BAD_REQUEST on accountId). Nobody else wins.
    expect(codes.every((c) => c === 'CONFLICT' || c === 'BAD_REQUEST')).toBe(true);
    expect(codes.filter((c) => c === 'CONFLICT').length).toBeGreaterThan(0);
    console.log(
      `create race: 1 winner, ${codes.filter((c) => c === 'CONFLICT').length} CONFLICT, ${codes.filter((c) => c === 'BAD_REQUEST').length} already tagged`,
    );
    expect(must(await asAdmin<AccountsPage>(site, K.accountsList, {})).counts.active).toBe(before + 1);
    const tags = await auditAll(site, { targetId: p.releaseBot, action: 'account.tag' });
    expect(tags.filter((r) => r.outcome === 'allowed')).toHaveLength(1);
    expect(storedAccountProblems(site)).toEqual([]);
    expect((await verifyAudit(site)).ok).toBe(true);
  });
});
