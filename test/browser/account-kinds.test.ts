/**
 * Kinds of integration account and the signs one goes stale, in a real browser against the local site:
 * with owners' work items on and one sweep, the candidates list Deploy Pipeline first as an Atlassian
 * service account (no app bot); Jenkins CI's page shows it is a personal account with the migration
 * checklist and that it made no changes in Jira for 90 days; the admin marks Deploy Pipeline as its
 * replacement and moves the integrations over; Olivia's work item shows in the issue view.
 * Screenshots (light and dark): docs/images/.
 */
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { IMAGES, useBrowserSuite, localControl, invokeAsAdmin } from '../support/browser-suite.js';
import {
  VIEWPORT,
  openAdmin,
  screenshotPage,
  unexpected,
  waitForFlag,
  type BrowserSite,
} from '../support/admin-page.js';

const SLOW = { timeout: 30_000 };

let site: BrowserSite;
let browser: Browser;

useBrowserSuite((s) => ({ site, browser } = s), { build: ['admin'] });

vi.setConfig({ testTimeout: 180_000 });

const local = <T>(path: string, body: unknown = {}) => localControl<T>(site, path, body);

const asAdmin = <T>(functionKey: string, payload: unknown) => invokeAsAdmin<T>(site, functionKey, payload);

async function shot(page: Page, frame: Frame | undefined, name: string): Promise<void> {
  await (frame ?? page.mainFrame()).locator('body').evaluate(() => document.fonts.ready);
  await screenshotPage(page, join(IMAGES, name));
}

describe('kinds of integration account, dormancy and owners’ work items', () => {
  it('candidates, the personal-account checklist, DORMANT, the migration steps and a work item', async () => {
    await local('/reset');
    const view = await asAdmin<{ settings: Record<string, unknown>; version: number }>('settings/get', {});
    await asAdmin('settings/update', {
      ...view.settings,
      noticeChannels: ['in-app-flag', 'jira-work-item'],
      workItemProjectKey: 'OPS',
      workItemTypeName: 'Task',
      version: view.version,
    });
    const sweep = await local<{ ok: boolean; error?: string }>('/scheduled/integration-accounts-sweep');
    expect(sweep.ok, sweep.error).toBe(true);

    // 1. Candidates: Deploy Pipeline first, as an Atlassian service account; no app bot.
    for (const theme of ['light', 'dark'] as const) {
      const { page, frame, problems } = await openAdmin(browser, site, { path: '/candidates', theme });
      const table = frame.getByRole('table', { name: /^Candidates/ });
      await table.waitFor(SLOW);
      const first = table.getByRole('row').nth(1);
      expect(await first.innerText()).toMatch(
        /Deploy Pipeline[\s\S]*Atlassian service account[\s\S]*no owner on record/,
      );
      expect(await table.getByText('Slack Sync').count()).toBe(0);
      expect(await table.getByText('Integration Accounts for Jira').count()).toBe(0);
      expect(await table.getByText('Release Bot').count()).toBe(1);
      await shot(page, frame, `candidates-service-accounts-${theme}.png`);
      expect(unexpected(problems)).toEqual([]);
      await page.close();
    }

    // 2. Jenkins CI: a personal account (checklist, Atlassian's docs) that made no changes for 90 days.
    const accounts = await asAdmin<{ rows: { accountId: string; displayName: string }[] }>(
      'accounts/list',
      {},
    );
    const jenkins = accounts.rows.find((r) => r.displayName === 'Jenkins CI')?.accountId ?? '';
    for (const theme of ['light', 'dark'] as const) {
      const { page, frame, problems } = await openAdmin(browser, site, {
        path: `/accounts/${jenkins}`,
        theme,
      });
      await frame.getByRole('heading', { name: 'Jenkins CI', level: 2 }).waitFor(SLOW);
      await frame.getByText('Personal account', { exact: true }).first().waitFor(SLOW);
      await frame.getByText('Move this integration to an Atlassian service account').waitFor(SLOW);
      const docs = frame.getByRole('link', { name: /understand service accounts/ });
      expect(await docs.getAttribute('href')).toBe(
        'https://support.atlassian.com/user-management/docs/understand-service-accounts/',
      );
      await frame.getByText('No changes in Jira for 90 days').waitFor(SLOW);
      expect(await frame.getByText(/Read-only API use is invisible to Jira/).count()).toBe(1);
      const findings = frame.getByRole('region', { name: /^Findings \(\d+\)$/ });
      await findings.getByText('A personal account used as an integration', { exact: true }).waitFor(SLOW);
      expect(await findings.getByText('No changes in Jira lately', { exact: true }).count()).toBe(1);
      await shot(page, frame, `account-personal-dormant-${theme}.png`);
      expect(unexpected(problems)).toEqual([]);
      await page.close();
    }

    // 3. The migration, step by step in the UI: mark Deploy Pipeline, move the integrations.
    {
      const { page, frame, problems } = await openAdmin(browser, site, { path: `/accounts/${jenkins}` });
      await frame.getByText('Move this integration to an Atlassian service account').waitFor(SLOW);
      await frame.getByRole('button', { name: 'Mark as replacement' }).click();
      await frame.getByText('Pick the service account that takes over.').waitFor(SLOW);
      const select = frame.getByRole('combobox', { name: 'Service account that replaces it' });
      await select.click();
      await frame.getByRole('option', { name: /^Deploy Pipeline/ }).click();
      await frame.getByRole('button', { name: 'Mark as replacement' }).click();
      await waitForFlag(page, 'Replacement recorded');
      await frame.getByText(/Replaced by/).waitFor(SLOW);
      await frame.getByRole('button', { name: 'Move integrations to Deploy Pipeline' }).click();
      await waitForFlag(page, 'Integrations moved');
      await frame.getByRole('button', { name: 'Retire Jenkins CI' }).waitFor(SLOW);
      await shot(page, frame, 'account-migration-steps.png');
      const history = frame.getByRole('region', { name: 'History' });
      await history.getByText('Integrations moved to the service account').first().waitFor(SLOW);
      expect(await history.getByText('Replacement service account marked').count()).toBeGreaterThanOrEqual(1);
      expect(unexpected(problems)).toEqual([]);
      await page.close();
    }

    // 4. Olivia's work item in the issue view: assigned to her, created by the app.
    const basic = `Basic ${Buffer.from('admin@example.com:local-dev-token').toString('base64')}`;
    let key = '';
    for (let n = 1; n <= 20 && !key; n++) {
      const r = await fetch(`${site.url}/rest/api/3/issue/OPS-${n}?fields=assignee`, {
        headers: { authorization: basic, accept: 'application/json' },
      });
      if (!r.ok) break;
      const issue = (await r.json()) as { fields: { assignee?: { displayName?: string } | null } };
      if (issue.fields.assignee?.displayName === 'Olivia Owner') key = `OPS-${n}`;
    }
    expect(key).not.toBe('');
    for (const theme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: VIEWPORT });
      await page.goto(`${site.url}/browse/${key}?as=olivia@example.com&theme=${theme}`);
      await page.getByRole('heading', { name: /^Integration account .*:/, level: 1 }).waitFor(SLOW);
      const details = page.getByRole('complementary', { name: 'Details' });
      expect(await details.innerText()).toMatch(/Assignee\s*Olivia Owner/);
      expect(await details.innerText()).toMatch(/Reporter\s*Integration Accounts for Jira/);
      // The finding's date is an ADF date node: shown in the reader's locale (Olivia: en-GB), never ISO.
      const description = await page.getByRole('region', { name: 'Description' }).innerText();
      expect(description).not.toMatch(/\d{4}-\d{2}-\d{2}|\{date\}/);
      if (/(expires|due) on/.test(description))
        expect(description).toMatch(/(expires|due) on \d{1,2} [A-Z][a-z]{2} \d{4}/);
      await shot(page, undefined, `owner-work-item-${theme}.png`);
      await page.close();
    }
  });
});
