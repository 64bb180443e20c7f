import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_EMAILS } from '../../local/jira/seed';
import { installWorkflowValidators } from '../../local/jira/workflows';
import { startJira } from './harness';
import type { JiraHarness } from './harness';

let h: JiraHarness;
beforeAll(async () => {
  h = await startJira();
});
afterAll(() => h.close());
beforeEach(() => {
  h.site.reset();
  installWorkflowValidators(h.site, [], () => Promise.resolve({ result: true }));
});

const oscar = { email: DEMO_EMAILS.oscar };
type Transitions = { transitions: { id: string; name: string; to: { id: string; name: string } }[] };

describe('workflow of the offboarding project (every response checked against the OpenAPI subset)', () => {
  it('GET /issue/{key}/transitions lists the global transitions out of the current status', async () => {
    const r = await h.call('GET', '/rest/api/3/issue/OFF-1/transitions', { as: oscar });
    expect(r.status).toBe(200);
    expect((r.body as Transitions).transitions.map((t) => [t.name, t.to.name])).toEqual([
      ['In Progress', 'In Progress'],
      ['Done', 'Done'],
    ]);
    const one = await h.call('GET', '/rest/api/3/issue/OFF-1/transitions?transitionId=31', { as: oscar });
    expect((one.body as Transitions).transitions.map((t) => t.id)).toEqual(['31']);
    expect((await h.call('GET', '/rest/api/3/issue/NOPE-9/transitions')).status).toBe(404);
  });

  it('POST /issue/{key}/transitions moves the issue (204); its status follows in GET /issue', async () => {
    const r = await h.call('POST', '/rest/api/3/issue/OFF-1/transitions', {
      as: oscar,
      body: { transition: { id: '21' } },
    });
    expect(r.status).toBe(204);
    const issue = await h.call('GET', '/rest/api/3/issue/OFF-1?fields=status');
    expect((issue.body as { fields: { status: { name: string; id: string } } }).fields.status).toMatchObject({
      name: 'In Progress',
      id: '3',
    });
    const again = await h.call('POST', '/rest/api/3/issue/OFF-1/transitions', {
      body: { transition: { id: '21' } },
    });
    expect(again.status).toBe(400);
    expect((await h.call('POST', '/rest/api/3/issue/OFF-1/transitions', { body: {} })).status).toBe(400);
  });

  it('a validator refusal is a 400 with its message, and the issue stays where it was', async () => {
    const seen: unknown[] = [];
    installWorkflowValidators(h.site, ['v'], (_key, args) => {
      seen.push(args);
      return Promise.resolve({ result: false, errorMessage: 'Not while Olivia blocks.' });
    });
    const r = await h.call('POST', '/rest/api/3/issue/OFF-1/transitions', {
      as: oscar,
      body: { transition: { id: '31' } },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ errorMessages: ['Not while Olivia blocks.'] });
    expect(seen).toEqual([
      {
        issue: { key: 'OFF-1' },
        configuration: {},
        transition: { from: { id: '10000' }, to: { id: '10001' }, modifiedFields: {} },
      },
    ]);
    expect(h.site.issue('OFF-1')?.statusName).toBe('To Do');
  });

  it('GET /status/{idOrName}: by id or name; unknown is 404', async () => {
    expect((await h.call('GET', '/rest/api/3/status/10001')).body).toMatchObject({
      name: 'Done',
      statusCategory: { key: 'done' },
    });
    expect((await h.call('GET', '/rest/api/3/status/In%20Progress')).body).toMatchObject({ id: '3' });
    expect((await h.call('GET', '/rest/api/3/status/99')).status).toBe(404);
  });
});
