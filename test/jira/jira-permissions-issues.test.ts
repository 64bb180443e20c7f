import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_ACCOUNT_ID,
  DEMO_ACCOUNT_IDS,
  DEMO_EMAILS,
  DEPARTING_PERSON_FIELD_ID,
} from '../../local/jira/seed';
import { PLATFORM_TOKEN, startJira } from './harness';
import type { JiraHarness } from './harness';

let h: JiraHarness;
beforeAll(async () => {
  h = await startJira();
});
afterAll(() => h.close());
beforeEach(() => h.site.reset());

const nora = { email: DEMO_EMAILS.nora };
const customer = { email: DEMO_EMAILS.customer };
const asApp = { bearer: PLATFORM_TOKEN, principal: 'app' };
const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
type Perms = { permissions: Record<string, { havePermission: boolean; type: string; key: string }> };

describe('GET /mypermissions', () => {
  it('ADMINISTER for the site admin and the app, not for Nora', async () => {
    const path = '/rest/api/3/mypermissions?permissions=ADMINISTER,USER_PICKER,BROWSE_PROJECTS,CREATE_ISSUES';
    const admin = (await h.call('GET', path)).body as Perms;
    expect(admin.permissions.ADMINISTER).toMatchObject({
      key: 'ADMINISTER',
      type: 'GLOBAL',
      havePermission: true,
    });
    expect(admin.permissions.BROWSE_PROJECTS).toMatchObject({ type: 'PROJECT', havePermission: true });
    const user = (await h.call('GET', path, { as: nora })).body as Perms;
    expect(user.permissions.ADMINISTER?.havePermission).toBe(false);
    expect(user.permissions.USER_PICKER?.havePermission).toBe(true);
    const app = (await h.call('GET', path, { as: asApp })).body as Perms;
    expect(app.permissions.ADMINISTER?.havePermission).toBe(true);
    const cust = (await h.call('GET', path, { as: customer })).body as Perms;
    const custPermissions = Object.values(cust.permissions);
    expect(custPermissions.length).toBeGreaterThan(0);
    expect(custPermissions.every((p) => !p.havePermission)).toBe(true);
  });

  it('400 ErrorCollection when permissions is missing or unknown; 404 for an unknown project', async () => {
    const missing = await h.call('GET', '/rest/api/3/mypermissions');
    expect(missing.status).toBe(400);
    const unknown = await h.call('GET', '/rest/api/3/mypermissions?permissions=ADMINISTER,PERMISSION_123');
    expect(unknown).toMatchObject({
      status: 400,
      body: { errorMessages: [], errors: { PERMISSION_123: 'Unrecognized permission' } },
    });
    expect(
      (await h.call('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectKey=NOPE')).status,
    ).toBe(404);
    expect(
      (await h.call('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectKey=OFF')).status,
    ).toBe(200);
  });
});

describe('POST /permissions/check', () => {
  it('checks the caller by default, and another user as an admin or the app', async () => {
    const self = await h.call('POST', '/rest/api/3/permissions/check', {
      as: nora,
      body: {
        globalPermissions: ['ADMINISTER', 'USER_PICKER'],
        projectPermissions: [{ permissions: ['CREATE_ISSUES'], projects: [10000, 99999] }],
      },
    });
    expect(self.body).toEqual({
      globalPermissions: ['USER_PICKER'],
      projectPermissions: [{ permission: 'CREATE_ISSUES', projects: [10000], issues: [] }],
    });
    const other = await h.call('POST', '/rest/api/3/permissions/check', {
      as: asApp,
      body: { accountId: DEMO_ACCOUNT_IDS.siteAdmin, globalPermissions: ['ADMINISTER'] },
    });
    expect(other.body).toEqual({ globalPermissions: ['ADMINISTER'], projectPermissions: [] });
  });

  it('403 when a non-admin checks someone else; 400 for unknown keys or accounts', async () => {
    const denied = await h.call('POST', '/rest/api/3/permissions/check', {
      as: nora,
      body: { accountId: DEMO_ACCOUNT_IDS.siteAdmin, globalPermissions: ['ADMINISTER'] },
    });
    expect(denied).toMatchObject({
      status: 403,
      body: { errorMessages: ['Only Jira administrators can perform this operation.'] },
    });
    expect(
      (await h.call('POST', '/rest/api/3/permissions/check', { body: { globalPermissions: ['NOPE'] } }))
        .status,
    ).toBe(400);
    expect(
      (await h.call('POST', '/rest/api/3/permissions/check', { body: { accountId: 'nobody' } })).status,
    ).toBe(400);
    expect((await h.call('POST', '/rest/api/3/permissions/check', { body: '{not json' })).status).toBe(400);
  });
});

describe('POST /issue and GET /issue/{issueIdOrKey}', () => {
  it('creates an OFF issue with the departing person and reads it back', async () => {
    const created = await h.call('POST', '/rest/api/3/issue', {
      as: { email: DEMO_EMAILS.oscar },
      body: {
        fields: {
          project: { key: 'OFF' },
          issuetype: { id: '10010' },
          summary: 'Offboard Ben Backup',
          description: adf('Leaving on Friday.'),
          [DEPARTING_PERSON_FIELD_ID]: { id: DEMO_ACCOUNT_IDS.ben },
        },
      },
    });
    expect(created).toMatchObject({ status: 201, body: { key: 'OFF-2', id: '10001' } });
    const issue = await h.call('GET', '/rest/api/3/issue/OFF-2');
    expect(issue.body).toMatchObject({
      key: 'OFF-2',
      fields: {
        summary: 'Offboard Ben Backup',
        reporter: { accountId: DEMO_ACCOUNT_IDS.oscar },
        [DEPARTING_PERSON_FIELD_ID]: { accountId: DEMO_ACCOUNT_IDS.ben, displayName: 'Ben Backup' },
      },
    });
    const fields = (issue.body as { fields: Record<string, unknown> }).fields;
    expect(h.validator.validateSchema('User', fields[DEPARTING_PERSON_FIELD_ID])).toEqual([]);
  });

  it('reads the seeded OFF-1 by key or id, with a fields selection', async () => {
    const full = await h.call('GET', '/rest/api/3/issue/10000');
    const fields = (full.body as { fields: Record<string, unknown> }).fields;
    expect(fields[DEPARTING_PERSON_FIELD_ID]).toMatchObject({ accountId: DEMO_ACCOUNT_IDS.olivia });
    expect(h.validator.validateSchema('User', fields[DEPARTING_PERSON_FIELD_ID])).toEqual([]);
    const some = await h.call('GET', `/rest/api/3/issue/OFF-1?fields=summary,${DEPARTING_PERSON_FIELD_ID}`);
    expect(Object.keys((some.body as { fields: object }).fields).sort()).toEqual([
      DEPARTING_PERSON_FIELD_ID,
      'summary',
    ]);
    expect((await h.call('GET', '/rest/api/3/issue/OFF-99')).status).toBe(404);
    expect((await h.call('GET', '/rest/api/3/issue/OFF-1', { as: customer })).status).toBe(404);
  });

  it('creates an OPS task as the app, assigned to an owner', async () => {
    const created = await h.call('POST', '/rest/api/3/issue', {
      as: asApp,
      body: {
        fields: {
          project: { id: '10001' },
          issuetype: { name: 'Task' },
          summary: 'Review Jenkins CI',
          assignee: { id: DEMO_ACCOUNT_IDS.olivia },
          labels: ['integration-account'],
        },
      },
    });
    expect(created).toMatchObject({ status: 201, body: { key: 'OPS-1' } });
    const issue = h.site.issue('OPS-1');
    expect(issue).toMatchObject({
      reporterAccountId: APP_ACCOUNT_ID,
      assigneeAccountId: DEMO_ACCOUNT_IDS.olivia,
    });
  });

  it('400 ErrorCollection with field errors', async () => {
    const r = await h.call('POST', '/rest/api/3/issue', {
      body: {
        fields: {
          project: { key: 'OPS' },
          description: 'plain text is not ADF',
          assignee: { id: DEMO_ACCOUNT_IDS.formerEmployee },
          [DEPARTING_PERSON_FIELD_ID]: { id: DEMO_ACCOUNT_IDS.olivia },
        },
      },
    });
    expect(r.status).toBe(400);
    expect(Object.keys((r.body as { errors: object }).errors).sort()).toEqual(
      ['assignee', 'description', 'issuetype', 'summary', DEPARTING_PERSON_FIELD_ID].sort(),
    );
    const noProject = await h.call('POST', '/rest/api/3/issue', {
      body: { fields: { summary: 'x', issuetype: { id: '10002' } } },
    });
    expect(noProject.body).toMatchObject({ errors: { project: 'Specify a valid project ID or key' } });
    expect((await h.call('POST', '/rest/api/3/issue', { body: {} })).status).toBe(400);
  });

  it('403 for a customer', async () => {
    const r = await h.call('POST', '/rest/api/3/issue', {
      as: customer,
      body: { fields: { project: { key: 'OPS' }, issuetype: { id: '10002' }, summary: 'x' } },
    });
    expect(r.status).toBe(403);
  });
});

describe('POST /issue/{issueIdOrKey}/notify', () => {
  it('records the notification and answers 204', async () => {
    const r = await h.call('POST', '/rest/api/3/issue/OFF-1/notify', {
      as: asApp,
      body: {
        subject: 'Olivia owns integration accounts',
        textBody: 'Jenkins CI has no backup owner.',
        to: {
          users: [{ accountId: DEMO_ACCOUNT_IDS.olivia }],
          groups: [{ name: 'offboarding-team' }],
          reporter: true,
        },
      },
    });
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect(h.site.notifications).toEqual([
      expect.objectContaining({
        issueKey: 'OFF-1',
        fromAccountId: APP_ACCOUNT_ID,
        toAccountIds: [DEMO_ACCOUNT_IDS.olivia, DEMO_ACCOUNT_IDS.oscar],
        subject: 'Olivia owns integration accounts',
        textBody: 'Jenkins CI has no backup owner.',
      }),
    ]);
  });

  it('400 when nobody is left to notify (inactive, or only the sender), 404 for an unknown issue', async () => {
    const inactive = await h.call('POST', '/rest/api/3/issue/OFF-1/notify', {
      body: { to: { users: [{ accountId: DEMO_ACCOUNT_IDS.formerEmployee }] } },
    });
    expect(inactive).toMatchObject({
      status: 400,
      body: { errorMessages: ['No recipients were defined for notification.'] },
    });
    const self = await h.call('POST', '/rest/api/3/issue/OFF-1/notify', {
      as: { email: DEMO_EMAILS.oscar },
      body: { to: { reporter: true } },
    });
    expect(self.status).toBe(400);
    expect(
      (
        await h.call('POST', '/rest/api/3/issue/OFF-1/notify', {
          body: { to: { users: [{ accountId: 'nobody' }] } },
        })
      ).status,
    ).toBe(400);
    expect(
      (await h.call('POST', '/rest/api/3/issue/NOPE-1/notify', { body: { to: { reporter: true } } })).status,
    ).toBe(404);
    expect(h.site.notifications).toEqual([]);
  });
});
