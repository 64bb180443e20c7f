/**
 * A deactivation behind the app's back, in a real browser against the real local site: the admin
 * sees Jenkins CI's owner Olivia Owner active; Olivia is deactivated in Jira through the control API
 * (no event reaches the app); the scheduled sweep runs; the registry now shows the owner inactive and
 * the finding, the account page lists "The owner is deactivated" (OWNER_INACTIVE) and its history the
 * sweep's update. A non-admin still sees only the refusal. Screenshot: docs/images/.
 */
import { join } from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { appFrame } from '../support/browser.js';
import { IMAGES, useBrowserSuite } from '../support/browser-suite.js';
import { adminUrl, openAdmin, screenshotPage, unexpected, type BrowserSite } from '../support/admin-page.js';

const SWEEP = 'integration-accounts-sweep';
/** The admin UI's readable label of OWNER_INACTIVE (static/admin/ui/format.ts). */
const OWNER_INACTIVE_LABEL = 'The owner is deactivated';
const REFUSAL = 'You need to be a Jira administrator to use Integration accounts.';
/** Generous: the suite may run beside others on a loaded machine. */
const SLOW = { timeout: 30_000 };

let site: BrowserSite;
let browser: Browser;

useBrowserSuite((s) => ({ site, browser } = s));

vi.setConfig({ testTimeout: 180_000 });

interface StateUser {
  accountId: string;
  email: string;
  displayName: string;
  active: boolean;
}

async function control<T>(method: 'GET' | 'POST', path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${site.url}/__local${path}`, {
    method,
    ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function siteUser(email: string): Promise<StateUser> {
  const { body } = await control<{ users: StateUser[] }>('GET', '/state');
  const user = body.users.find((u) => u.email === email);
  if (!user) throw new Error(`${email} is not on the local site`);
  return user;
}

/** The registry table, once the list has loaded. */
async function accountsTable(frame: Frame): Promise<Locator> {
  const table = frame.getByRole('table', { name: 'Tagged accounts' });
  await table.waitFor(SLOW);
  return table;
}

/** Jenkins CI's row and, in it, the cell naming its owner. */
async function jenkinsRow(frame: Frame): Promise<{ row: Locator; ownerCell: Locator }> {
  const row = (await accountsTable(frame)).getByRole('row', { name: /Jenkins CI/ });
  await row.waitFor(SLOW);
  return { row, ownerCell: row.getByRole('cell').filter({ hasText: 'Olivia Owner' }) };
}

/** The admin page's app frame after a full reload of the shell page. */
async function reloadAdmin(page: Page): Promise<Frame> {
  await page.reload();
  const frame = await appFrame(page);
  await frame.getByRole('heading', { name: 'Integration accounts', level: 1 }).waitFor(SLOW);
  return frame;
}

describe('a deactivation behind the app’s back', () => {
  it('the sweep notices Olivia Owner was deactivated: registry, account page, history; Nora sees nothing', async () => {
    // 1. The admin opens the registry: Jenkins CI's owner Olivia Owner is active, no owner finding.
    const { page, problems } = await openAdmin(browser, site);
    let frame = await appFrame(page);
    {
      const { row, ownerCell } = await jenkinsRow(frame);
      expect(await ownerCell.count()).toBe(1);
      expect(await ownerCell.getByText('Inactive', { exact: true }).count()).toBe(0);
      expect(await row.getByLabel(/findings:/).count()).toBeLessThanOrEqual(1);
      expect(await row.getByLabel(new RegExp(OWNER_INACTIVE_LABEL)).count()).toBe(0);
    }

    // 2. Olivia is deactivated in Jira, behind the app's back (no event, no UI).
    const olivia = await siteUser('olivia@example.com');
    expect(olivia).toMatchObject({ displayName: 'Olivia Owner', active: true });
    const deactivated = await control<{ ok: boolean; accountId: string; active: boolean }>(
      'POST',
      `/users/${olivia.accountId}/deactivate`,
    );
    expect(deactivated).toEqual({
      status: 200,
      body: { ok: true, accountId: olivia.accountId, active: false, auditWebhookDeliveries: 0 },
    });
    expect((await siteUser('olivia@example.com')).active).toBe(false);

    // Nothing told the app yet: a reload still shows the owner as last checked (active).
    frame = await reloadAdmin(page);
    expect(await (await jenkinsRow(frame)).ownerCell.getByText('Inactive', { exact: true }).count()).toBe(0);

    // 3. The scheduled sweep runs now; the control API answers once it finished.
    const sweep = await control<{
      ok: boolean;
      result?: { statusCode: number; body: string };
      error?: string;
      durationMs: number;
    }>('POST', `/scheduled/${SWEEP}`);
    expect(sweep.status).toBe(200);
    expect(sweep.body.ok, sweep.body.error).toBe(true);
    expect(sweep.body.result?.statusCode).toBe(204);
    const outcome = JSON.parse(sweep.body.result?.body ?? '{}') as {
      status: string;
      summary?: {
        state: string;
        accountsChecked: number;
        findingsOpened: number;
        unresolvedAccounts: string[];
      };
    };
    expect(outcome.status).toBe('complete');
    expect(outcome.summary).toMatchObject({ state: 'complete', unresolvedAccounts: [] });
    expect(outcome.summary!.accountsChecked).toBeGreaterThanOrEqual(2);
    expect(outcome.summary!.findingsOpened).toBeGreaterThanOrEqual(1);

    // 4. The admin reloads the registry: the owner is inactive and the row has the finding.
    frame = await reloadAdmin(page);
    const { row, ownerCell } = await jenkinsRow(frame);
    await expect.poll(() => ownerCell.getByText('Inactive', { exact: true }).count(), SLOW).toBe(1);
    const indicator = row.getByLabel(new RegExp(`^\\d+ findings: .*${OWNER_INACTIVE_LABEL}`));
    await indicator.waitFor(SLOW);
    // Owner inactive, no backup owner, no changes in Jira for 120 days (the seed's Jenkins CI), and a
    // personal account used as an integration: the list shows the stored findings the sweep raised.
    expect(await indicator.getAttribute('aria-label')).toMatch(/^4 findings: /);
    expect(await indicator.getAttribute('aria-label')).toMatch(/No changes in Jira lately/);
    expect(await indicator.innerText()).toBe('4 findings');
    // The account itself is still active in Jira; only its owner is not.
    expect(await row.getByRole('cell').first().getByText('Active', { exact: true }).count()).toBe(1);
    // GitHub Sync is Olivia's too, with an active backup: it shows her inactive as well.
    const github = (await accountsTable(frame)).getByRole('row', { name: /GitHub Sync/ });
    expect(
      await github
        .getByRole('cell')
        .filter({ hasText: 'Olivia Owner' })
        .getByText('Inactive', { exact: true })
        .count(),
    ).toBe(1);

    // 5. Jenkins CI's account page lists the finding, and its history the sweep.
    await row.getByRole('link', { name: 'Jenkins CI' }).click();
    await frame.getByRole('heading', { name: 'Jenkins CI', level: 2 }).waitFor(SLOW);
    const findings = frame.getByRole('region', { name: /^Findings \(\d+\)$/ });
    await findings.getByText(OWNER_INACTIVE_LABEL, { exact: true }).waitFor(SLOW);
    // + PERSONAL_ACCOUNT and DORMANT (no Jira changes for 120 days), raised by the same sweep.
    await expect.poll(() => findings.getAttribute('aria-label')).toBe('Findings (4)');
    expect(await findings.getByText('No backup owner', { exact: true }).count()).toBe(1);
    const registration = frame.getByRole('region', { name: 'Registration' });
    expect(await registration.getByText('Olivia Owner', { exact: true }).count()).toBe(1);
    expect(await registration.getByText('Inactive', { exact: true }).count()).toBe(1);

    const history = frame.getByRole('region', { name: 'History' });
    const sweepRows = history
      .getByRole('table', { name: 'History of this account' })
      .getByRole('row')
      .filter({ hasText: 'Sweep update' });
    await expect.poll(() => sweepRows.count(), SLOW).toBeGreaterThanOrEqual(1);
    // Newest first: the first sweep update is this run's, opening OWNER_INACTIVE (its details name
    // the finding in words, never by its code).
    const latest = sweepRows.first();
    expect(await latest.innerText()).toMatch(new RegExp(`Found: ${OWNER_INACTIVE_LABEL}`, 'i'));
    expect(await latest.innerText()).not.toMatch(/OWNER_INACTIVE/);
    expect(await latest.getByRole('cell').nth(3).innerText()).toBe('Sweep');

    await frame.locator('body').evaluate(() => document.fonts.ready);
    await screenshotPage(page, join(IMAGES, 'finding-owner-inactive.png'));
    expect(unexpected(problems)).toEqual([]);
    await page.close();

    // 6. Nora Newhire is no admin: the page refuses her and shows no account data.
    const nora = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await nora.goto(adminUrl(site, '', 'nora@example.com'));
    const noraFrame = await appFrame(nora);
    await noraFrame.getByText(REFUSAL).waitFor(SLOW);
    expect(await noraFrame.getByRole('table').count()).toBe(0);
    expect(await noraFrame.getByRole('row').count()).toBe(0);
    expect(await noraFrame.getByRole('tab').count()).toBe(0);
    for (const secret of [
      'Jenkins CI',
      'Olivia Owner',
      'GitHub Sync',
      OWNER_INACTIVE_LABEL,
      'OWNER_INACTIVE',
    ])
      expect(await noraFrame.getByText(secret).count(), secret).toBe(0);
    await nora.close();
  });
});
