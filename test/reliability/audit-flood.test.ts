/**
 * Issue 12, "An audit trail that stays useful": refusals are coalesced per (actor, key, outcome) per
 * minute into one record with a count, so one person cannot bury the trail, while every distinct kind of
 * refusal is still recorded; an oversized invalid payload's record is truncated to fit, never lost; and
 * acknowledging an offboarding warning needs a reason.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalSite } from '../../local/host/site.js';
import type { AuditRecordDto } from '../../src/contract/audit';
import { ADMIN_KEYS as A, OFFBOARDING_KEYS as O } from '../../src/contract/resolver-keys';
import { releaseBotTag, type People } from './payloads';
import { asAdmin, auditAll, invoke, must, verifyAudit } from './support';
import { useReliabilitySite } from '../support/reliability-site';

let site: LocalSite;
let p: People;
useReliabilitySite((s, people) => {
  site = s;
  p = people;
});
afterEach(() => {
  vi.useRealTimers();
});

const FLOOD = 120;

/** The whole count a record stands for: itself, plus what it closes of the window before. */
const closedCount = (r: AuditRecordDto) =>
  (r as AuditRecordDto & { repeat?: { closes?: { count?: number } } }).repeat?.closes?.count ?? 0;

describe('refusals are coalesced per (actor, key, outcome) per minute', () => {
  it(`${FLOOD} refused calls by one person in a minute leave a handful of records, with their count`, async () => {
    // Only Date is faked: the minute is pinned, timers and I/O run as usual.
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(minute + 5_000);
    const before = (await auditAll(site, { actorId: p.nora })).length;
    for (let i = 0; i < FLOOD; i += 5)
      await Promise.all(
        Array.from({ length: 5 }, () =>
          invoke(site, { functionKey: A.accountsList, payload: {}, accountId: p.nora }),
        ),
      );
    // A different kind (another key) is still recorded on its own.
    const other = await invoke(site, { functionKey: A.settingsGet, payload: {}, accountId: p.nora });
    expect(other.ok).toBe(false);
    const during = (await auditAll(site, { actorId: p.nora })).slice(0, -before || undefined);
    const listRefusals = during.filter((r) => r.source.key === A.accountsList);
    console.log(`audit flood: ${FLOOD} refusals → ${listRefusals.length} record(s) for accounts/list`);
    expect(listRefusals.length).toBeGreaterThanOrEqual(1);
    expect(listRefusals.length).toBeLessThanOrEqual(3);
    expect(during.some((r) => r.source.key === A.settingsGet && r.outcome === 'denied')).toBe(true);

    // The next minute: one more refusal of that kind closes the previous window with its count.
    vi.setSystemTime(minute + 65_000);
    await invoke(site, { functionKey: A.accountsList, payload: {}, accountId: p.nora });
    const latest = (await auditAll(site, { actorId: p.nora })).filter((r) => r.source.key === A.accountsList);
    expect(latest.reduce((sum, r) => sum + closedCount(r), 0)).toBe(FLOOD);
    vi.useRealTimers();
    expect((await verifyAudit(site)).ok).toBe(true);
  }, 120_000);
});

describe('an oversized invalid payload', () => {
  it('is refused, and its refusal is recorded (truncated to fit), never lost', async () => {
    const payload: Record<string, unknown> = { ...releaseBotTag(p) };
    for (let i = 0; i < 40_000; i++) payload[`unknown-field-${i}`] = i;
    const before = (await auditAll(site, { action: 'account.tag', outcome: 'refused' })).length;
    const r = await asAdmin(site, A.accountsTag, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BAD_REQUEST');
    const after = await auditAll(site, { action: 'account.tag', outcome: 'refused' });
    expect(after.length, 'the refusal of the oversized payload was not recorded').toBe(before + 1);
    const record = after[0] as AuditRecordDto;
    expect(JSON.stringify(record).length).toBeLessThan(64 * 1024);
    expect(JSON.stringify(record.after)).toMatch(/truncated/);
    expect((await verifyAudit(site)).ok).toBe(true);
  }, 60_000);
});

describe('acknowledging an offboarding warning', () => {
  it('needs a reason; the reason is stored beside the verdict', async () => {
    const without = await asAdmin(site, O.acknowledge, { personId: p.olivia, verdict: 'block' });
    expect(without.ok, 'a block verdict was acknowledged without a reason').toBe(false);
    if (!without.ok) expect(without.error.code).toBe('BAD_REQUEST');
    const blank = await asAdmin(site, O.acknowledge, {
      personId: p.olivia,
      verdict: 'block',
      reason: '\u200b ',
    });
    expect(blank.ok).toBe(false);
    must(
      await asAdmin(site, O.acknowledge, {
        personId: p.olivia,
        verdict: 'block',
        reason: 'Contract ends today; accounts handed over by hand.',
      }),
    );
    const [record] = await auditAll(site, { action: 'offboarding.acknowledge' });
    expect(record?.after).toMatchObject({
      verdict: 'block',
      reason: 'Contract ends today; accounts handed over by hand.',
    });
  });
});
