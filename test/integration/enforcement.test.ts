/**
 * Issue 11 end to end on the local site: the workflow validator on OFF-1's transitions, and the org
 * audit-log webhook (static webtrigger) that re-evaluates a deactivated person within seconds.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/contract/audit';
import type { Envelope } from '../../src/contract/envelope';
import type { FindingsPage, OffboardingCheckResult, SweepStatus } from '../../src/contract/offboarding';
import {
  ORG_AUDIT_KEYS,
  ORG_AUDIT_OUTPUTS,
  ORG_AUDIT_WEBTRIGGER_KEY,
  type OrgAuditWebhookStatus,
  type RotatedOrgAuditSecret,
} from '../../src/contract/org-audit';
import {
  ADMIN_KEYS,
  OFFBOARDING_KEYS as O,
  OFFBOARDING_PANEL_MODULE_KEY,
  OVERSIGHT_KEYS,
} from '../../src/contract/resolver-keys';
import type { SettingsView } from '../../src/contract/settings';
import type { LocalSite } from '../../local/host/site.js';
import { type Call, as, data, idOf, startSite } from './harness';
import { measure } from './oversight-harness';

let site: LocalSite;
let admin: Call;
let base: string;
let ids: Record<string, string>;

beforeAll(async () => {
  site = await startSite();
  base = site.url.replace('localhost', '127.0.0.1');
  admin = as(site, 'admin@example.com');
  ids = Object.fromEntries(
    ['admin', 'olivia', 'oscar', 'ben', 'nora', 'jenkins-ci'].map((n) => [n, idOf(site, `${n}@example.com`)]),
  );
});
afterAll(() => site.close());
beforeEach(async () => {
  delete process.env.ORG_AUDIT_WEBHOOK_SECRET;
  await site.reset();
});

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const r = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  return {
    status: r.status,
    headers: r.headers,
    text,
    json: text ? (JSON.parse(text) as unknown) : undefined,
  };
};
const move = async (to: string, email = 'oscar@example.com') =>
  (await post('/__local/issues/OFF-1/transition', { to, as: email })).json as {
    outcome: string;
    status?: string;
    message?: string;
  };
/** The issue panel's resolver on OFF-1, as this user. */
const panel = async <T>(email: string, functionKey: string, payload: unknown = {}) =>
  (await site.runtime.invokeResolver({
    moduleKey: OFFBOARDING_PANEL_MODULE_KEY,
    functionKey,
    payload,
    accountId: ids[email.split('@')[0] as string] ?? idOf(site, email),
    extension: { issue: { key: 'OFF-1', id: '10000', type: 'Task' }, project: { key: 'OFF', id: '10000' } },
  })) as Envelope<T>;
const auditOf = async (action: string) =>
  data(await admin<AuditPage>(ADMIN_KEYS.auditList, { action, pageSize: 50 })).records;
const findingsOf = async (name: string) =>
  data(await admin<FindingsPage>(OVERSIGHT_KEYS.findingsList, {}))
    .findings.filter((f) => f.accountName === name)
    .map((f) => f.code)
    .sort();

describe('the workflow validator on OFF-1 (To Do → In progress → Done)', () => {
  it('as Oscar: Done is refused while Olivia blocks, with the accounts and what to do; audited', async () => {
    const refused = await move('Done');
    expect(refused.outcome).toBe('refused');
    expect(refused.status).toBe('To Do');
    expect(refused.message).toContain('Olivia Owner');
    expect(refused.message).toContain('Jenkins CI');
    expect(refused.message).toContain('acknowledge the warning there with a reason');
    expect(site.site.issue('OFF-1')?.statusName).toBe('To Do');
    const [record] = await auditOf('offboarding.transition');
    expect(record).toMatchObject({
      outcome: 'denied',
      target: { type: 'person', id: ids.olivia },
      source: { module: 'offboarding-transition-validator', key: 'OFF-1' },
    });
    // Transitions the settings do not name pass, and so does Done once left.
    expect(await move('In Progress')).toMatchObject({ outcome: 'transitioned', status: 'In Progress' });
    expect((await move('Done')).outcome).toBe('refused');
  });

  it('allowed after the hand-over of Jenkins CI (verdict no longer block)', async () => {
    const check = data(await panel<OffboardingCheckResult>('oscar@example.com', O.check));
    expect(check.verdict).toBe('block');
    const jenkins = check.accounts.find((a) => a.displayName === 'Jenkins CI');
    const after = data(
      await panel<OffboardingCheckResult>('oscar@example.com', O.transfer, {
        accountId: jenkins?.accountId,
        version: jenkins?.version,
        departingId: ids.olivia,
        newOwnerId: ids.ben,
        reason: 'Ben takes over CI',
      }),
    );
    expect(after.verdict).toBe('warn');
    expect(await move('Done')).toMatchObject({ outcome: 'transitioned', status: 'Done' });
    expect((await auditOf('offboarding.transition'))[0]).toMatchObject({
      outcome: 'allowed',
      reason: 'Verdict warn',
    });
  });

  it('allowed after an acknowledgement WITH a reason on this ticket; not one from the admin page', async () => {
    const bare = await panel('oscar@example.com', O.acknowledge, { personId: ids.olivia, verdict: 'block' });
    expect(bare.ok).toBe(false); // the contract requires a reason
    expect((await move('Done')).outcome).toBe('refused');
    data(
      await admin(O.acknowledge, { personId: ids.olivia, verdict: 'block', reason: 'admin page, no ticket' }),
    );
    expect((await move('Done')).outcome).toBe('refused');
    data(
      await panel('oscar@example.com', O.acknowledge, {
        personId: ids.olivia,
        verdict: 'block',
        reason: 'CI moves to GitHub Actions on Friday; Jenkins is switched off then.',
      }),
    );
    expect(await move('Done')).toMatchObject({ outcome: 'transitioned', status: 'Done' });
    expect((await auditOf('offboarding.transition'))[0]).toMatchObject({
      outcome: 'allowed',
      reason: expect.stringContaining('CI moves to GitHub Actions') as unknown,
    });
  });

  it('follows the settings (target statuses); it holds whoever moves the work item', async () => {
    const view = data(await admin<SettingsView>(ADMIN_KEYS.settingsGet));
    data(
      await admin(ADMIN_KEYS.settingsUpdate, {
        ...view.settings,
        enforcedStatuses: ['In Progress'],
        version: view.version,
      }),
    );
    expect((await move('In Progress')).outcome).toBe('refused');
    expect((await move('Done')).outcome).toBe('transitioned');
    data(await admin(ADMIN_KEYS.settingsUpdate, { ...view.settings, version: view.version + 1 }));
    expect(await move('To Do', 'admin@example.com')).toMatchObject({ outcome: 'transitioned' });
    expect((await move('Done', 'nora@example.com')).outcome).toBe('refused');
    expect((await move('Done', 'admin@example.com')).outcome).toBe('refused');
  });

  it('fails closed when Jira cannot answer: the transition is held with a "try again" message', async () => {
    site.jira.injectFault({ status: 500, count: 1, path: /\/rest\/api\/3\/status\// });
    const held = await move('Done');
    expect(held.outcome).toBe('refused');
    expect(held.message).toMatch(/could not run just now.*Try again/);
  });

  it('REST: POST /issue/OFF-1/transitions answers 400 with the message; GET lists the transitions', async () => {
    const auth = `Basic ${Buffer.from('oscar@example.com:local-dev-token').toString('base64')}`;
    const list = await fetch(`${base}/rest/api/3/issue/OFF-1/transitions`, {
      headers: { authorization: auth },
    });
    const body = (await list.json()) as { transitions: { id: string; name: string; to: { name: string } }[] };
    expect(body.transitions.map((t) => t.to.name)).toEqual(['In Progress', 'Done']);
    const done = body.transitions.find((t) => t.to.name === 'Done');
    const r = await post(
      '/rest/api/3/issue/OFF-1/transitions',
      { transition: { id: done?.id } },
      { authorization: auth },
    );
    expect(r.status).toBe(400);
    expect((r.json as { errorMessages: string[] }).errorMessages[0]).toContain('Jenkins CI');
  });
});

describe('the org audit-log webhook', () => {
  const setUp = async () => {
    const secret = data(await admin<RotatedOrgAuditSecret>(ORG_AUDIT_KEYS.rotate));
    const status = data(await admin<OrgAuditWebhookStatus>(ORG_AUDIT_KEYS.status));
    expect(status).toMatchObject({ source: 'stored', url: `${site.url}/x/${ORG_AUDIT_WEBTRIGGER_KEY}` });
    expect(JSON.stringify(status)).not.toContain(secret.secret);
    const reg = await post('/__local/org/audit-log-webhooks', {
      url: status.url,
      authorization: secret.authorization,
    });
    expect(reg.status).toBe(201);
    return secret;
  };
  const waitFor = async (check: () => Promise<boolean>, ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  };

  // How fast is the bench's to measure (`detection.webhookMs`, BENCHMARKS.md); here: that it happens
  // through the webhook's delivery, with no sweep.
  it('deactivating Olivia raises OWNER_INACTIVE on Jenkins CI through the webhook, without a sweep; reactivating resolves it', async () => {
    await setUp();
    const off = await post(`/__local/users/${ids.olivia as string}/deactivate`, {});
    expect(off.json).toMatchObject({ auditWebhookDeliveries: 1 });
    const seen = await waitFor(
      async () => (await findingsOf('Jenkins CI')).includes('OWNER_INACTIVE'),
      20_000,
    );
    expect(seen, 'OWNER_INACTIVE raised after the delivery').toBe(true);
    const sweep = data(await admin<SweepStatus>(OVERSIGHT_KEYS.sweepStatus));
    expect(sweep.last).toBeUndefined();
    const status = data(await admin<OrgAuditWebhookStatus>(ORG_AUDIT_KEYS.status));
    expect(status.lastDelivery).toMatchObject({ events: 1, relevant: 1, people: 1 });
    expect((await auditOf('org-audit.delivery'))[0]).toMatchObject({
      target: { id: ids.olivia },
      outcome: 'allowed',
    });

    await post(`/__local/users/${ids.olivia as string}/activate`, {});
    expect(
      await waitFor(async () => !(await findingsOf('Jenkins CI')).includes('OWNER_INACTIVE'), 5000),
    ).toBe(true);
  });

  it('refuses bad deliveries with the static outputs, writing nothing', async () => {
    const secret = await setUp();
    const event = site.orgAudit.event('deactivate', ids.olivia as string, ids.admin);
    const url = `/x/${ORG_AUDIT_WEBTRIGGER_KEY}`;
    const good = { authorization: secret.authorization };
    const cases: [string, () => Promise<{ status: number; text: string }>, keyof typeof ORG_AUDIT_OUTPUTS][] =
      [
        ['no Authorization', () => post(url, event), 'unauthorized'],
        ['wrong secret', () => post(url, event, { authorization: 'Bearer not-the-secret' }), 'unauthorized'],
        ['Basic scheme', () => post(url, event, { authorization: `Basic ${secret.secret}` }), 'unauthorized'],
        ['malformed JSON', () => post(url, '{"id":', good), 'badRequest'],
        ['not an event', () => post(url, { hello: 'world' }, good), 'badRequest'],
        ['too large', () => post(url, { data: [event], pad: 'x'.repeat(300_000) }, good), 'tooLarge'],
        [
          'GET',
          async () => {
            const r = await fetch(base + url, { headers: good });
            return { status: r.status, text: await r.text() };
          },
          'methodNotAllowed',
        ],
      ];
    for (const [name, send, output] of cases) {
      const m = await measure(site, send);
      expect(m.result.status, name).toBe(ORG_AUDIT_OUTPUTS[output].statusCode);
      expect(m.result.text, name).toBe(ORG_AUDIT_OUTPUTS[output].body);
      expect(m.kvsWrites, `${name}: KVS writes`).toBe(0);
      expect(m.jiraCalls, `${name}: Jira calls`).toBe(0);
    }
    expect(await findingsOf('Jenkins CI')).toEqual([]);
  });

  it('is replay-safe: the same event twice audits once; ORG_AUDIT_WEBHOOK_SECRET wins over a generated secret', async () => {
    const secret = await setUp();
    site.site.setActive(ids.olivia as string, false);
    const event = site.orgAudit.event('deactivate', ids.olivia as string, ids.admin);
    const url = `/x/${ORG_AUDIT_WEBTRIGGER_KEY}`;
    expect((await post(url, event, { authorization: secret.authorization })).status).toBe(200);
    expect((await post(url, { data: [event] }, { authorization: secret.authorization })).status).toBe(200);
    expect(await auditOf('org-audit.delivery')).toHaveLength(1);

    process.env.ORG_AUDIT_WEBHOOK_SECRET = 'e'.repeat(40);
    expect((await post(url, event, { authorization: secret.authorization })).status).toBe(401);
    expect((await post(url, event, { authorization: `Bearer ${'e'.repeat(40)}` })).status).toBe(200);
    expect(data(await admin<OrgAuditWebhookStatus>(ORG_AUDIT_KEYS.status)).source).toBe('environment');
    const refused = await admin(ORG_AUDIT_KEYS.rotate);
    expect(refused.ok).toBe(false);
  });

  it('Jira busy or down, or storage throttled → 503 unavailable (as the pre-deactivation check); a storage failure → 500 error', async () => {
    const secret = await setUp();
    site.site.setActive(ids.olivia as string, false);
    const url = `/x/${ORG_AUDIT_WEBTRIGGER_KEY}`;
    const deliver = () =>
      post(url, site.orgAudit.event('deactivate', ids.olivia as string, ids.admin), {
        authorization: secret.authorization,
      });
    const answers: [string, () => void, keyof typeof ORG_AUDIT_OUTPUTS][] = [
      ['Jira 500', () => site.jira.injectFault({ status: 500, count: 1 }), 'unavailable'],
      [
        'Jira 429',
        () => site.jira.injectFault({ status: 429, count: 1, retryAfterSeconds: 30 }),
        'unavailable',
      ],
      [
        'storage throttled',
        () =>
          site.kvs.injectFault({ path: /entity\/query/, status: 429, code: 'RATE_LIMIT_EXCEEDED', times: 1 }),
        'unavailable',
      ],
      [
        'storage failed',
        () =>
          site.kvs.injectFault({
            path: /entity\/query/,
            status: 500,
            code: 'INTERNAL_SERVER_ERROR',
            times: 1,
          }),
        'error',
      ],
    ];
    for (const [name, fault, output] of answers) {
      fault();
      const res = await deliver();
      expect(res.status, name).toBe(ORG_AUDIT_OUTPUTS[output].statusCode);
      expect(res.text, name).toBe(ORG_AUDIT_OUTPUTS[output].body);
    }
    // Nothing half-done is claimed: the same event, delivered again, is re-evaluated and audited.
    expect(await auditOf('org-audit.delivery')).toEqual([]);
    expect((await deliver()).status).toBe(200);
    expect(await auditOf('org-audit.delivery')).toHaveLength(1);
  });

  it('only admins read the status or generate the secret', async () => {
    const nora = as(site, 'nora@example.com');
    expect((await nora(ORG_AUDIT_KEYS.status)).ok).toBe(false);
    expect((await nora(ORG_AUDIT_KEYS.rotate)).ok).toBe(false);
  });
});
