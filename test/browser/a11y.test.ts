/**
 * Accessibility of every surface and state, light and dark: axe-core (test/support/axe.ts) runs the
 * WCAG 2.0/2.1/2.2 A and AA rules in each Custom UI frame at each state — the admin page's lists
 * (with data, filtered to nothing, empty site), account page, tag form (open, pickers open, validation
 * errors), modals, candidates, import/export with a preview, audit log, settings, the offboarding
 * check, "My integration accounts" (with accounts, a form and picker open, empty), the issue panel,
 * and loading states (Jira slowed down). Each state must show no violation; a failure lists the rule,
 * the elements and axe's summary. CSP violations stay at zero while axe runs (it goes in through the
 * DevTools protocol, not a script the policy would refuse).
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEYS } from '../../src/contract/resolver-keys';
import { DEMO_ACCOUNT_IDS } from '../../local/jira/seed.js';
import { LOCAL_IDS } from '../../local/runtime/runtime.js';
import type { LocalSite } from '../../local/host/site.js';
import { axePage, describeAxeFinding, fieldsWithoutAriaInvalid } from '../support/axe.js';
import {
  appFrame,
  clickInFrame,
  collectProblems,
  cspViolations,
  describeViolation,
  ensureStaticBuild,
  launchBrowser,
  startSiteForBrowser,
} from '../support/browser.js';
import { unexpected } from '../support/admin-page.js';

type Mode = 'light' | 'dark';
const MODES: Mode[] = ['light', 'dark'];
const VIEWPORT = { width: 1280, height: 900 };

let site: Awaited<ReturnType<typeof startSiteForBrowser>>;
let empty: LocalSite;
let browser: Browser;
/** Every state checked, `surface: state (mode)`, for the summary line. */
const checked: string[] = [];

beforeAll(async () => {
  await ensureStaticBuild(['admin', 'global', 'issue-panel', 'background']);
  site = await startSiteForBrowser();
  const { startLocalSite } = await import('../../local/host/site.js');
  empty = await startLocalSite({ port: 0, dataDir: ':memory:', quiet: true, seedApp: null });
  browser = await launchBrowser();
  // The sweep records findings: badges in the list, "Needs you" on the owner page.
  const sweep = await fetch(`${site.url}/__local/scheduled/integration-accounts-sweep`, { method: 'POST' });
  expect(((await sweep.json()) as { ok: boolean }).ok).toBe(true);
}, 300_000);

afterAll(async () => {
  const inMode = (mode: Mode) => checked.filter((c) => c.endsWith(`(${mode})`)).length;
  console.log(`axe: ${checked.length} states checked, ${inMode('light')} light and ${inMode('dark')} dark`);
  await browser?.close();
  await site?.close();
  await empty?.close();
});

const adminPath = (sub = '') => `/jira/settings/apps/${site.manifest.appId}/${LOCAL_IDS.environmentId}${sub}`;
const globalPath = () => `/jira/apps/${site.manifest.appId}/${LOCAL_IDS.environmentId}`;

interface Visit {
  page: Page;
  frame: Frame;
  problems: string[];
  /** Runs axe in every app frame now; records what it found under `state`. */
  check(state: string): Promise<void>;
  /** Every finding of every `check`, described; CSP violations and console errors too. */
  report(): string[];
}

async function visit(
  url: string,
  mode: Mode,
  surface: string,
  /** Runs before the page loads (e.g. to hold a call's answer). */
  before?: (page: Page) => Promise<unknown>,
): Promise<Visit> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const problems = collectProblems(page);
  await before?.(page);
  const join = url.includes('?') ? '&' : '?';
  await page.goto(`${url}${join}theme=${mode}`);
  const frame = await appFrame(page);
  const found: string[] = [];
  return {
    page,
    frame,
    problems,
    async check(state) {
      // Motion (modal fade-in, menu open) settles before colours are measured.
      await page.waitForTimeout(350);
      await frame.evaluate(() => document.fonts.ready.then(() => undefined));
      const name = `${surface}: ${state} (${mode})`;
      checked.push(name);
      for (const f of await axePage(page)) found.push(`[${name}] ${describeAxeFinding(f)}`);
    },
    report() {
      return [
        ...found,
        ...cspViolations(page).map((v) => `csp: ${describeViolation(v)}`),
        ...unexpected(problems).filter((p) => !p.startsWith('csp:')),
      ];
    },
  };
}

const as = (email: string) => `as=${encodeURIComponent(email)}`;

async function openAdminAt(mode: Mode, sub: string, surface: string, base = site.url): Promise<Visit> {
  const v = await visit(`${base}${adminPath(sub)}?${as('admin@example.com')}`, mode, surface);
  await v.frame.getByRole('heading', { name: 'Integration accounts', level: 1 }).waitFor({ timeout: 20_000 });
  return v;
}

/** Types into a people picker so its menu opens with options. */
async function openPicker(frame: Frame, name: string, query: string): Promise<void> {
  const input = frame.getByRole('combobox', { name, exact: true });
  await input.click();
  await input.pressSequentially(query, { delay: 20 });
  await frame.getByRole('option').first().waitFor({ timeout: 15_000 });
}

async function done(v: Visit): Promise<void> {
  const report = v.report();
  await v.page.close();
  const message = `axe violations, CSP violations and console errors:\n\n${report.join('\n\n')}\n`;
  expect(report.length, message).toBe(0);
}

describe('the axe check', () => {
  it('reports a violation planted in the app frame, with rule, element and summary; the CSP stays quiet', async () => {
    const v = await openAdminAt('light', '/accounts', 'planted');
    await v.frame.getByTestId('accounts-table--table').waitFor({ timeout: 20_000 });
    await v.frame.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'planted-unnamed-button';
      document.body.append(button);
    });
    const findings = await axePage(v.page);
    expect(findings.map((f) => f.rule)).toEqual(['button-name']);
    expect(describeAxeFinding(findings[0]!)).toMatch(
      /^button-name \(critical\) in .*\n {4}at #planted-unnamed-button\n/,
    );
    expect(cspViolations(v.page).map(describeViolation)).toEqual([]);
    await v.page.close();
  }, 60_000);
});

describe.each(MODES)('accessibility (axe, WCAG 2.2 A/AA), %s', (mode) => {
  it('accounts list: with data, search with no result, retired, and a site with none', async () => {
    const v = await openAdminAt(mode, '/accounts', 'accounts list');
    await v.frame.getByTestId('accounts-table--table').waitFor({ timeout: 20_000 });
    await v.check('with data');
    await v.frame.getByRole('textbox', { name: 'Search accounts' }).fill('zzz-nothing');
    await v.frame.getByText('No accounts match these filters').waitFor({ timeout: 15_000 });
    await v.check('search with no result');
    await v.frame.getByRole('textbox', { name: 'Search accounts' }).fill('');
    await v.frame.getByTestId('accounts-table--table').waitFor({ timeout: 15_000 });
    await v.frame.locator('summary').first().press('Enter');
    await v.frame.locator('details[open] li').first().waitFor();
    await v.check('findings badge open');
    await v.frame.getByRole('combobox', { name: 'Status' }).click();
    await v.frame.getByRole('option', { name: 'Retired' }).waitFor();
    await v.check('status filter open');
    await v.frame.getByRole('option', { name: 'Retired' }).click();
    await v.frame
      .getByText(/No retired accounts|Retired accounts \(/)
      .first()
      .waitFor({ timeout: 15_000 });
    await v.check('retired');
    await done(v);

    const e = await openAdminAt(mode, '/accounts', 'accounts list', empty.url);
    await e.frame.getByText('No integration accounts yet').waitFor({ timeout: 20_000 });
    await e.check('empty site');
    await done(e);
  }, 120_000);

  it('account page, its retire modal with the reason error, and the edit form', async () => {
    const v = await openAdminAt(mode, `/accounts/${DEMO_ACCOUNT_IDS.jenkinsCi}`, 'account page');
    await v.frame.getByRole('heading', { name: 'Jenkins CI', level: 2 }).waitFor({ timeout: 20_000 });
    await v.frame.getByRole('region', { name: 'History' }).waitFor();
    await v.check('details');
    // Jenkins CI is a personal account: the guidance to move to a service account, its picker open.
    await v.frame.getByRole('button', { name: 'Mark as replacement' }).click();
    const replacement = v.frame.getByRole('combobox', { name: 'Service account that replaces it' });
    await replacement.click();
    await v.frame.getByRole('option').first().waitFor({ timeout: 15_000 });
    await v.check('service-account guidance, picker open');
    await replacement.press('Escape');
    await v.frame.getByRole('button', { name: 'Retire', exact: true }).click();
    const dialog = v.frame.getByRole('dialog');
    await dialog.waitFor();
    await v.check('retire modal');
    await dialog.getByRole('button', { name: 'Retire account' }).click();
    await dialog.getByText('Say why the account is retired.').waitFor();
    await v.check('retire modal, reason missing');
    expect(await fieldsWithoutAriaInvalid(v.frame), 'fields with an error but no aria-invalid').toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await done(v);

    const edit = await openAdminAt(mode, `/accounts/${DEMO_ACCOUNT_IDS.githubSync}/edit`, 'edit form');
    await edit.frame.getByRole('form', { name: 'Edit account' }).waitFor({ timeout: 20_000 });
    await edit.check('open');
    await done(edit);
  }, 120_000);

  it('tag form: open, account picker open, owner picker open, validation errors', async () => {
    const v = await openAdminAt(mode, '/tag', 'tag form');
    await v.frame.getByRole('form', { name: 'Tag account' }).waitFor({ timeout: 20_000 });
    await v.check('open');
    await openPicker(v.frame, 'Account', 'Release');
    await v.check('account picker open');
    await v.frame.getByRole('combobox', { name: 'Account', exact: true }).press('Escape');
    await openPicker(v.frame, 'Owner', 'o');
    await v.check('owner picker open');
    await v.frame.getByRole('combobox', { name: 'Owner', exact: true }).press('Escape');
    await v.frame.getByRole('button', { name: 'Add integration' }).click();
    await clickInFrame(v.frame, v.frame.getByRole('button', { name: 'Save', exact: true }));
    await v.frame.locator('[role="alert"]').first().waitFor({ timeout: 15_000 });
    await v.check('validation errors');
    expect(await v.frame.locator('[id$="-error"]').count()).toBeGreaterThan(2);
    expect(await fieldsWithoutAriaInvalid(v.frame), 'fields with an error but no aria-invalid').toEqual([]);
    await done(v);
  }, 120_000);

  it('candidates, import/export with a preview and an export, audit log, settings', async () => {
    const c = await openAdminAt(mode, '/candidates', 'candidates');
    await c.frame.getByTestId('candidates-table--table').waitFor({ timeout: 30_000 });
    await c.check('list');
    await c.frame
      .getByRole('button', { name: /^Dismiss / })
      .first()
      .click();
    const dismiss = c.frame.getByRole('dialog');
    await dismiss.waitFor();
    await c.check('dismiss modal');
    await dismiss.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await dismiss.getByText('Say why this account is not an integration account.').waitFor();
    await c.check('dismiss modal, reason missing');
    expect(await fieldsWithoutAriaInvalid(c.frame), 'fields with an error but no aria-invalid').toEqual([]);
    await dismiss.getByRole('button', { name: 'Cancel' }).click();
    await dismiss.waitFor({ state: 'detached' });
    await c.frame.getByRole('tab', { name: 'Dismissed' }).click();
    await c.page.waitForTimeout(1_000);
    await c.check('dismissed');
    await done(c);

    const t = await openAdminAt(mode, '/import', 'import/export');
    await t.frame.getByLabel('CSV to import').waitFor();
    await t.check('open');
    const csv = [
      'accountId,displayName,status,purpose,ownerId',
      `a11y-1,A11y One,active,Test,${DEMO_ACCOUNT_IDS.olivia}`,
      'a11y-2,A11y Two,active,,nobody',
    ].join('\n');
    await t.frame.getByLabel('CSV to import').fill(csv);
    await t.frame.getByRole('button', { name: 'Preview' }).click();
    await t.frame.getByText('a11y-1', { exact: true }).waitFor({ timeout: 20_000 });
    await t.check('preview');
    await clickInFrame(t.frame, t.frame.getByRole('button', { name: 'Export CSV' }).first());
    await t.frame.getByTestId('export-result-csv').waitFor({ timeout: 20_000 });
    await t.check('export done');
    await done(t);

    const a = await openAdminAt(mode, '/audit', 'audit log');
    await a.frame.getByTestId('audit-table--table').waitFor({ timeout: 20_000 });
    await a.check('list');
    await a.frame.getByRole('button', { name: 'Verify' }).click();
    await a.frame.getByText('The audit log is intact').waitFor({ timeout: 30_000 });
    await a.check('verified');
    await a.frame.getByRole('combobox', { name: 'Action' }).click();
    await a.frame.getByRole('option').first().waitFor();
    await a.check('action filter open');
    await done(a);

    const r = await openAdminAt(mode, '/audit/1', 'audit log');
    await r.frame.getByRole('heading', { name: 'Audit record #1' }).waitFor({ timeout: 20_000 });
    await r.check('record detail');
    await done(r);

    const s = await openAdminAt(mode, '/settings', 'settings');
    const cadence = s.frame.getByRole('spinbutton', { name: 'Default review cadence (days)' });
    await cadence.waitFor({ timeout: 20_000 });
    await s.check('open');
    await cadence.fill('10');
    await s.frame.getByRole('button', { name: 'Save settings' }).click();
    await s.frame.locator('#settings-cadence-error').waitFor();
    await s.check('validation error');
    expect(await fieldsWithoutAriaInvalid(s.frame), 'fields with an error but no aria-invalid').toEqual([]);
    await s.frame.getByRole('button', { name: /Rotate secret|Create secret/ }).click();
    await s.frame.getByRole('dialog').waitFor();
    await s.check('secret modal');
    await done(s);
  }, 180_000);

  it('offboarding check on the admin page and in the issue panel', async () => {
    const o = await openAdminAt(mode, '/offboarding', 'offboarding (admin)');
    await o.frame.getByRole('combobox', { name: 'Person leaving' }).waitFor({ timeout: 20_000 });
    await o.check('open');
    await openPicker(o.frame, 'Person leaving', 'Olivia');
    await o.check('picker open');
    await o.frame
      .getByRole('option', { name: /Olivia Owner/ })
      .first()
      .click();
    await o.frame.getByTestId('offboarding-verdict').waitFor({ timeout: 30_000 });
    await o.check('verdict');
    await done(o);

    const p = await visit(`${site.url}/browse/OFF-1?${as('oscar@example.com')}`, mode, 'issue panel');
    await p.frame.getByTestId('offboarding-verdict').waitFor({ timeout: 30_000 });
    await p.check('verdict');
    await p.frame.getByRole('button', { name: 'Transfer ownership' }).first().click();
    // The transfer form opens with focus on its first field.
    await expect
      .poll(() => p.frame.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('New owner');
    await openPicker(p.frame, 'New owner', 'ben');
    await p.check('transfer form, picker open');
    await done(p);
  }, 150_000);

  it('My integration accounts: with accounts, a form and its picker open, and empty', async () => {
    const g = await visit(`${site.url}${globalPath()}?${as('olivia@example.com')}`, mode, 'owner page');
    await g.frame.getByRole('heading', { name: 'My integration accounts', level: 1 }).waitFor();
    await g.frame.getByTestId(`my-account-${DEMO_ACCOUNT_IDS.githubSync}`).waitFor({ timeout: 20_000 });
    await g.check('with accounts');
    // The backup-owner form, sent without a pick: its validation error.
    const jenkins = g.frame.getByTestId(`my-account-${DEMO_ACCOUNT_IDS.jenkinsCi}`);
    await clickInFrame(g.frame, jenkins.getByRole('button', { name: 'Name backup owner for Jenkins CI' }));
    await jenkins.getByRole('combobox', { name: 'Backup owner', exact: true }).waitFor();
    // The form just opened and the frame grows to it: a plain click here was lost once in CI.
    await clickInFrame(g.frame, jenkins.getByRole('button', { name: 'Name backup owner', exact: true }));
    await jenkins.locator('[aria-invalid="true"]').first().waitFor({ timeout: 10_000 });
    await g.check('backup-owner form, validation error');
    expect(await fieldsWithoutAriaInvalid(g.frame), 'fields with an error but no aria-invalid').toEqual([]);
    await clickInFrame(g.frame, jenkins.getByRole('button', { name: 'Cancel' }));
    // A proposal stands until it is answered (and shows after a reload): the light run proposes GitHub
    // Sync, so the dark run, which sees that one standing, proposes Jenkins CI.
    const handOver =
      mode === 'light'
        ? { id: DEMO_ACCOUNT_IDS.githubSync, name: 'GitHub Sync' }
        : { id: DEMO_ACCOUNT_IDS.jenkinsCi, name: 'Jenkins CI' };
    const card = g.frame.getByTestId(`my-account-${handOver.id}`);
    await clickInFrame(g.frame, card.getByRole('button', { name: `Propose new owner for ${handOver.name}` }));
    await openPicker(g.frame, 'New owner', 'ben');
    await g.check('hand-over form, picker open');
    await clickInFrame(g.frame, g.frame.getByRole('option', { name: /Ben Backup/ }).first());
    await card.getByRole('textbox', { name: 'Message' }).fill('You run it now.');
    await clickInFrame(g.frame, card.getByRole('button', { name: 'Propose', exact: true }));
    await card.getByText(/Hand-over to Ben Backup proposed/).waitFor({ timeout: 15_000 });
    await clickInFrame(g.frame, g.frame.getByRole('button', { name: 'Confirm still needed for Jenkins CI' }));
    await g.frame.getByRole('checkbox', { name: 'It is still needed' }).waitFor();
    await g.check('review form open');
    await clickInFrame(g.frame, g.frame.getByRole('button', { name: 'Record rotation for GitHub Sync' }));
    await g.frame.getByLabel('New credential expires on').waitFor();
    await g.check('rotation form open');
    await done(g);

    // Ben is the proposed owner: the proposal, with its purpose and message.
    const b = await visit(`${site.url}${globalPath()}?${as('ben@example.com')}`, mode, 'owner page');
    await b.frame.getByTestId(`proposal-${DEMO_ACCOUNT_IDS.githubSync}`).waitFor({ timeout: 20_000 });
    await b.check('hand-over proposed to you');
    await done(b);

    const n = await visit(`${site.url}${globalPath()}?${as('nora@example.com')}`, mode, 'owner page');
    await n.frame.getByText('You don’t answer for any integration accounts').waitFor({ timeout: 20_000 });
    await n.check('empty');
    await done(n);
  }, 120_000);

  it('refusals and dead ends: a non-admin on the admin page, a stale link, the issue panel for someone else', async () => {
    const r = await visit(
      `${site.url}${adminPath('/accounts')}?${as('nora@example.com')}`,
      mode,
      'admin page',
    );
    await r.frame.getByText('You need to be a Jira administrator').waitFor({ timeout: 20_000 });
    await r.check('refused');
    await done(r);

    const n = await openAdminAt(mode, '/no-such-page', 'admin page');
    await n.frame.getByText('This page doesn’t exist').waitFor({ timeout: 20_000 });
    await n.check('not found');
    await done(n);

    const p = await visit(`${site.url}/browse/OFF-1?${as('nora@example.com')}`, mode, 'issue panel');
    await p.frame.getByTestId('issue-panel-not-for-you').waitFor({ timeout: 30_000 });
    await p.check('not offboarding staff');
    await done(p);
  }, 120_000);

  it('loading states, with Jira slowed down', async () => {
    site.jira.configure({ latencyMs: 2_500 });
    try {
      const v = await openAdminAt(mode, `/accounts/${DEMO_ACCOUNT_IDS.jenkinsCi}`, 'loading');
      await v.frame.getByRole('status').first().waitFor({ timeout: 10_000 });
      await v.check('account page loading');
      await done(v);
    } finally {
      site.jira.configure({ latencyMs: 0 });
    }

    // The accounts list's first render with 4 s of Jira latency (as in accounts-list.test.ts), its
    // answer held until axe has looked at the skeleton.
    site.jira.configure({ latencyMs: 4_000 });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    try {
      const l = await visit(
        `${site.url}${adminPath('/accounts')}?${as('admin@example.com')}`,
        mode,
        'loading',
        (page) =>
          page.route('**/__local/invoke', async (route) => {
            const { functionKey } = route.request().postDataJSON() as { functionKey: string };
            const response = await route.fetch();
            if (functionKey === ADMIN_KEYS.accountsList) await held;
            await route.fulfill({ response });
          }),
      );
      await l.frame.getByTestId('table-skeleton').waitFor({ timeout: 20_000 });
      await l.check('accounts list loading, Jira 4 s slow');
      release();
      await l.frame
        .getByTestId('accounts-table--table')
        .locator('tbody tr')
        .first()
        .waitFor({ timeout: 30_000 });
      await done(l);
    } finally {
      release();
      site.jira.configure({ latencyMs: 0 });
    }
  }, 120_000);
});
