import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OffboardingCheckResult } from '../../src/contract/offboarding';
import {
  OFFBOARDING_KEYS as O,
  OFFBOARDING_PANEL_MODULE_KEY,
  PRE_DEACTIVATION_WEBTRIGGER_KEY,
} from '../../src/contract/resolver-keys';
import { PRE_DEACTIVATION_OUTPUTS, type PreDeactivationOutputKey } from '../../src/contract/webtrigger';
import type { AuditPage } from '../../src/contract/audit';
import { ADMIN_KEYS } from '../../src/contract/resolver-keys';
import { offboardingCheck } from '../../src/app/offboarding';
import { signWebhook } from '../../src/domain/webhook-signature';
import type { LocalSite } from '../../local/host/site.js';
import type { WebtriggerRequest } from '../../local/runtime/runtime.js';
import { type Call, as, data, idOf, startSite } from './harness';
import { callResolver, liveDeps, measure } from './oversight-harness';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

let site: LocalSite;
let admin: Call;
let ids: Record<string, string>;

beforeAll(async () => {
  process.env.OFFBOARDING_WEBHOOK_SECRET = SECRET;
  site = await startSite();
  admin = as(site, 'admin@example.com');
  ids = Object.fromEntries(
    ['admin', 'olivia', 'ben', 'nora', 'oscar', 'jenkins-ci', 'github-sync', 'legacy-importer'].map((n) => [
      n,
      idOf(site, `${n}@example.com`),
    ]),
  );
});
afterAll(async () => {
  delete process.env.OFFBOARDING_WEBHOOK_SECRET;
  await site.close();
});
beforeEach(() => site.reset());

const panel = (accountId: string, functionKey: string, payload: unknown = {}) =>
  callResolver<OffboardingCheckResult>(site, 'offboardingResolver', {
    accountId,
    moduleKey: OFFBOARDING_PANEL_MODULE_KEY,
    functionKey,
    payload,
    extension: { issue: { key: 'OFF-1', id: '10000' }, project: { key: 'OFF' } },
  });

describe('offboarding check: verdicts for the seed', () => {
  it('through the admin resolver: Olivia and Jenkins CI block, Ben warns, Nora is safe', async () => {
    const verdict = async (id: string) =>
      data(await admin<OffboardingCheckResult>(O.check, { personId: id }));
    const olivia = await verdict(ids.olivia as string);
    expect(olivia.verdict).toBe('block');
    expect(olivia.reasons.map((r) => r.code).sort()).toEqual([
      'OWNS_WITHOUT_ACTIVE_BACKUP',
      'OWNS_WITH_ACTIVE_BACKUP',
    ]);
    expect(olivia.accounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          displayName: 'Jenkins CI',
          role: 'owner',
          suggestedAction: 'pick-new-owner',
        }),
        expect.objectContaining({
          displayName: 'GitHub Sync',
          role: 'owner',
          suggestedAction: 'transfer-to-backup',
        }),
      ]),
    );
    const jenkins = await verdict(ids['jenkins-ci'] as string);
    expect(jenkins.verdict).toBe('block');
    expect(jenkins.accounts[0]).toMatchObject({ role: 'is', suggestedAction: 'retire' });
    // Its owner is looked up live with the rest: Olivia is active, not "unknown" or inactive.
    expect(jenkins.accounts[0]?.owner).toMatchObject({ displayName: 'Olivia Owner', active: true });
    expect((await verdict(ids.ben as string)).verdict).toBe('warn');
    expect((await verdict(ids.nora as string)).verdict).toBe('safe');
  });

  it('one check costs ≤ 4 KVS requests and 1 Jira call', async () => {
    const deps = await liveDeps();
    const m = await measure(site, () =>
      site.runtime.runInInvocation({}, () => offboardingCheck(ids.olivia as string, deps)),
    );
    expect(m.result.verdict).toBe('block');
    expect(m.kvsRequests).toBeLessThanOrEqual(4);
    expect(m.jiraCalls).toBe(1);
    console.info(`offboarding check: ${m.kvsRequests} KVS requests, ${m.jiraCalls} Jira call(s)`);
  });

  it('through the issue panel as Oscar (offboarding-team) on OFF-1: Olivia blocks; Nora is refused', async () => {
    const asOscar = data(await panel(ids.oscar as string, O.check));
    expect(asOscar.person).toMatchObject({ accountId: ids.olivia, displayName: 'Olivia Owner' });
    expect(asOscar.verdict).toBe('block');
    const asNora = await panel(ids.nora as string, O.check);
    expect(asNora).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The panel only ever checks the person its work item names.
    const other = await panel(ids.oscar as string, O.acknowledge, {
      personId: ids.nora,
      verdict: 'safe',
      reason: 'Leaving',
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('transfer to the backup owner, pick a new owner, acknowledge: audited, and the verdict follows', async () => {
    const first = data(await admin<OffboardingCheckResult>(O.check, { personId: ids.olivia }));
    const github = first.accounts.find((a) => a.displayName === 'GitHub Sync');
    const jenkins = first.accounts.find((a) => a.displayName === 'Jenkins CI');
    const afterBackup = data(
      await admin<OffboardingCheckResult>(O.transfer, {
        accountId: github?.accountId,
        version: github?.version,
        departingId: ids.olivia,
      }),
    );
    expect(afterBackup.accounts.map((a) => a.displayName)).toEqual(['Jenkins CI']);
    // A stale version is a conflict, not a lost update.
    const stale = await admin(O.transfer, {
      accountId: github?.accountId,
      version: github?.version,
      departingId: ids.olivia,
    });
    expect(stale).toMatchObject({ ok: false });
    // The registry's rules apply: an integration account cannot own another.
    const bad = await admin(O.transfer, {
      accountId: jenkins?.accountId,
      version: jenkins?.version,
      departingId: ids.olivia,
      newOwnerId: ids['github-sync'],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const done = data(
      await admin<OffboardingCheckResult>(O.transfer, {
        accountId: jenkins?.accountId,
        version: jenkins?.version,
        departingId: ids.olivia,
        newOwnerId: ids.nora,
      }),
    );
    expect(done.verdict).toBe('safe');
    const ack = data(
      await admin<{ auditSeq: number }>(O.acknowledge, {
        personId: ids.olivia,
        verdict: 'safe',
        reason: 'Handed over',
      }),
    );
    expect(ack.auditSeq).toBeGreaterThan(0);
    const audit = data(
      await admin<AuditPage>(ADMIN_KEYS.auditList, { action: 'offboarding.transfer', outcome: 'allowed' }),
    );
    expect(audit.records).toHaveLength(2);
    // People read the reason: it names Olivia; her id stays in the structured before/after.
    for (const r of audit.records) {
      expect(r.reason).toMatch(/^Hand-over from Olivia Owner/);
      expect(r.reason).not.toContain(ids.olivia);
      expect(r.before).toMatchObject({ ownerId: ids.olivia });
    }
    expect((await admin<{ ok: boolean }>(ADMIN_KEYS.auditVerify, {})).ok).toBe(true);
  });

  it('retire from the panel (offboarding staff, not admin)', async () => {
    const check = data(await panel(ids.oscar as string, O.check));
    const jenkins = check.accounts.find((a) => a.displayName === 'Jenkins CI');
    const after = data(
      await panel(ids.oscar as string, O.retire, {
        accountId: jenkins?.accountId,
        version: jenkins?.version,
        reason: 'Replaced by GitHub Actions',
      }),
    );
    expect(after.accounts.map((a) => a.displayName)).toEqual(['GitHub Sync']);
    expect(after.verdict).toBe('warn');
  });
});

// ------------------------------------------------------------------------------------------------
// The pre-deactivation webtrigger: a static webtrigger, answered by the local runtime from the
// outputs manifest.yml declares (local/runtime/webtrigger-response.ts).

function signed(
  body: string,
  opts: { id?: string; ts?: number; secret?: string; method?: string; sig?: string } = {},
): WebtriggerRequest {
  const id = opts.id ?? `msg_${randomBytes(8).toString('hex')}`;
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const signature = opts.sig ?? signWebhook(opts.secret ?? SECRET, id, ts, body);
  return {
    method: opts.method ?? 'POST',
    headers: {
      'content-type': ['application/json'],
      'webhook-id': [id],
      'webhook-timestamp': [ts],
      'webhook-signature': [signature],
    },
    body,
    path: `/x/${PRE_DEACTIVATION_WEBTRIGGER_KEY}`,
    queryParameters: {},
  };
}

const call = (req: WebtriggerRequest) => site.runtime.runWebtrigger(PRE_DEACTIVATION_WEBTRIGGER_KEY, req);

/** The response Forge gives for a declared output: its status, content type and body, nothing else. */
const declared = (key: PreDeactivationOutputKey) => ({
  statusCode: PRE_DEACTIVATION_OUTPUTS[key].statusCode,
  headers: { 'content-type': ['application/json'] },
  body: PRE_DEACTIVATION_OUTPUTS[key].body,
});

const webtriggerAudit = async () =>
  data(await admin<AuditPage>(ADMIN_KEYS.auditList, { action: 'offboarding.check' })).records;

describe('pre-deactivation webtrigger: one person, a static output', () => {
  it.each([
    ['olivia', 'block'],
    ['jenkins-ci', 'block'],
    ['ben', 'warn'],
    ['nora', 'safe'],
  ] as const)('by accountId: %s → %s (exactly the declared output), 1 Jira call', async (who, verdict) => {
    const m = await measure(site, () => call(signed(JSON.stringify({ accountId: ids[who] }))));
    expect(m.result).toEqual(declared(verdict));
    expect(JSON.parse(m.result.body ?? '')).toEqual({ verdict });
    expect(m.jiraCalls).toBe(1);
  });

  it('by email (any case): the one user whose email matches exactly; one search + one lookup', async () => {
    const m = await measure(site, () => call(signed(JSON.stringify({ email: ' Olivia@Example.com ' }))));
    expect(m.result).toEqual(declared('block'));
    expect(m.jiraCalls).toBe(2);
    expect((await call(signed(JSON.stringify({ email: 'ben@example.com' })))).body).toBe(
      '{"verdict":"warn"}',
    );
    expect((await call(signed(JSON.stringify({ email: 'nora@example.com' })))).body).toBe(
      '{"verdict":"safe"}',
    );
  });

  it('details stay in the app: the audit record names the person, the reasons and the accounts', async () => {
    await call(signed(JSON.stringify({ email: 'olivia@example.com' }), { id: 'msg_details' }));
    const [record] = await webtriggerAudit();
    expect(record).toMatchObject({
      actor: { kind: 'webtrigger', accountId: null },
      source: { kind: 'webtrigger', module: PRE_DEACTIVATION_WEBTRIGGER_KEY, key: 'msg_details' },
      target: { type: 'person', id: ids.olivia },
      outcome: 'allowed',
      after: {
        output: 'block',
        by: 'email',
        verdict: 'block',
        reasons: expect.arrayContaining(['OWNS_WITHOUT_ACTIVE_BACKUP']) as unknown,
      },
    });
    const after = record?.after as { accounts: { accountId: string; role: string }[] };
    expect(after.accounts.map((a) => a.accountId)).toContain(ids['jenkins-ci']);
  });

  it.each([
    ['an email nobody has', { email: 'nobody@example.com' }],
    ['a prefix of an email only', { email: 'olivia@example.co' }],
    ['a deactivated person by email (user search finds active users only)', { email: 'former@example.com' }],
    ['an account id Jira does not know', { accountId: '5b10ac8d82e05b22cc7d4ef5' }],
  ])('unknown person: %s → 404 unknown_person, audited', async (_name, body) => {
    const res = await call(signed(JSON.stringify(body)));
    expect(res).toEqual(declared('unknown-person'));
    const [record] = await webtriggerAudit();
    expect(record).toMatchObject({ after: { output: 'unknown-person' }, outcome: 'allowed' });
  });

  it("Jira's hourly points quota spent: 503 unavailable (by id and by email), nothing audited", async () => {
    site.jira.points.configure({ tier: 2, tenantQuota: 10 });
    site.jira.points.setSpent({ tenant: 10 });
    try {
      // A static output: the declared status and body, no Retry-After (static outputs carry no headers).
      expect(await call(signed(JSON.stringify({ accountId: ids.olivia })))).toEqual(declared('unavailable'));
      expect(await call(signed(JSON.stringify({ email: 'olivia@example.com' })))).toEqual(
        declared('unavailable'),
      );
      expect(await webtriggerAudit()).toEqual([]);
    } finally {
      site.jira.points.configure({ tier: 1, tenantQuota: 'auto' });
      site.jira.points.setSpent({ tenant: 0 });
    }
  });

  it('accepts any one of several signatures (secret rotation)', async () => {
    const body = JSON.stringify({ accountId: ids.nora });
    const id = 'msg_rotation';
    const ts = Math.floor(Date.now() / 1000);
    const other = `whsec_${randomBytes(32).toString('base64')}`;
    const sig = `${signWebhook(other, id, ts, body)} ${signWebhook(SECRET, id, ts, body)}`;
    expect(await call(signed(body, { id, ts, sig }))).toEqual(declared('safe'));
  });

  it('Jira busy or down, or storage throttled → 503 unavailable; a storage failure → 500 internal_error; nothing audited', async () => {
    site.jira.injectFault({ status: 503, count: 1, retryAfterSeconds: 30 });
    expect(await call(signed(JSON.stringify({ accountId: ids.olivia })))).toEqual(declared('unavailable'));
    site.jira.injectFault({ status: 429, count: 1, retryAfterSeconds: 30 });
    expect(await call(signed(JSON.stringify({ email: 'olivia@example.com' })))).toEqual(
      declared('unavailable'),
    );
    site.kvs.injectFault({ path: /entity\/query/, status: 429, code: 'RATE_LIMIT_EXCEEDED', times: 1 });
    expect(await call(signed(JSON.stringify({ accountId: ids.olivia })))).toEqual(declared('unavailable'));
    site.kvs.injectFault({ path: /entity\/query/, status: 500, code: 'INTERNAL_SERVER_ERROR', times: 1 });
    expect(await call(signed(JSON.stringify({ accountId: ids.olivia })))).toEqual(declared('internal-error'));
    expect(await webtriggerAudit()).toEqual([]);
  });

  const body = () => JSON.stringify({ accountId: ids.olivia });
  const now = () => Math.floor(Date.now() / 1000);
  const cases: [
    string,
    () => WebtriggerRequest | Promise<WebtriggerRequest>,
    PreDeactivationOutputKey,
    number,
  ][] = [
    // name, request, output, KVS writes allowed (the replay record only)
    [
      'unsigned',
      () => ({ ...signed(body()), headers: { 'content-type': ['application/json'] } }),
      'unauthorized',
      0,
    ],
    [
      'wrong secret',
      () => signed(body(), { secret: `whsec_${randomBytes(32).toString('base64')}` }),
      'unauthorized',
      0,
    ],
    [
      'altered body',
      () => ({ ...signed(body()), body: JSON.stringify({ accountId: ids.nora }) }),
      'unauthorized',
      0,
    ],
    ['stale timestamp', () => signed(body(), { ts: now() - 301 }), 'unauthorized', 0],
    ['future timestamp', () => signed(body(), { ts: now() + 301 }), 'unauthorized', 0],
    [
      'replayed id',
      async () => {
        const r = signed(body(), { id: 'msg_replayed' });
        expect((await call(r)).statusCode).toBe(200);
        return r;
      },
      'unauthorized',
      1,
    ],
    [
      'oversize',
      () => signed(JSON.stringify({ accountId: ids.olivia, pad: 'x'.repeat(9 * 1024) })),
      'payload-too-large',
      0,
    ],
    ['malformed JSON', () => signed('{"accountId": "abc"'), 'bad-request', 1],
    [
      'two people',
      () => signed(JSON.stringify({ accountId: ids.olivia, email: 'nora@example.com' })),
      'bad-request',
      1,
    ],
    ['the old list form', () => signed(JSON.stringify({ accountIds: [ids.olivia] })), 'bad-request', 1],
    ['not an email', () => signed(JSON.stringify({ email: 'olivia' })), 'bad-request', 1],
    ['wrong method', () => signed(body(), { method: 'GET' }), 'method-not-allowed', 0],
  ];
  it.each(cases)(
    '%s → the declared refusal, no Jira call, no write beyond the replay record',
    async (_n, make, output, writes) => {
      const req = await make();
      const m = await measure(site, () => call(req));
      expect(m.result).toEqual(declared(output));
      expect(m.jiraCalls).toBe(0);
      expect(m.kvsWrites).toBeLessThanOrEqual(writes);
      for (const path of Object.keys(m.kvsByPath))
        expect(['/api/v1/set', '/api/v1/secret/get', '/api/v1/get']).toContain(path);
    },
  );

  it('over HTTP (/x/<moduleKey>): the declared status, content type and body', async () => {
    const req = signed(JSON.stringify({ email: 'olivia@example.com' }));
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, v[0] as string]));
    const res = await fetch(`${site.url}/x/${PRE_DEACTIVATION_WEBTRIGGER_KEY}`, {
      method: 'POST',
      headers,
      body: req.body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"verdict":"block"}');
  });
});
