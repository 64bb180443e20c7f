/**
 * The offboarding check in a real browser against the real local site: the issue panel on OFF-1
 * (departing person read from the issue by the backend), the hand-over actions and the verdicts they
 * lead to, the refusal for people who are not offboarding staff, and the admin page's subpage.
 *
 * Verdicts (DESIGN.md §2): Olivia owns Jenkins CI (no backup: block) and GitHub Sync (active backup
 * Ben: warn). Handing Jenkins CI to Ben leaves her at exactly `warn`; handing GitHub Sync over too
 * leaves her `safe`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickInFrame,
  collectProblems,
  ensureStaticBuild,
  launchBrowser,
  ROOT_DIR,
  startSiteForBrowser,
} from '../support/browser.js';
import { openAdmin, pickUser, unexpected, waitForFlag } from '../support/admin-page.js';

type Site = Awaited<ReturnType<typeof startSiteForBrowser>>;

const IMAGES = join(ROOT_DIR, 'docs', 'images');
const PANEL_FRAME = 'iframe[data-forge-frame="offboarding-check-panel-frame"]';

let site: Site;
let browser: Browser;

async function openIssue(
  as: string,
  key = 'OFF-1',
): Promise<{ page: Page; panel: Frame; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = collectProblems(page);
  await page.goto(`${site.url}/browse/${key}?as=${encodeURIComponent(as)}`);
  const handle = await page.waitForSelector(PANEL_FRAME, { state: 'attached' });
  const panel = await handle.contentFrame();
  if (!panel) throw new Error('the issue panel has no frame');
  return { page, panel, problems };
}

async function verdict(frame: Frame): Promise<string | null> {
  return frame.getByTestId('offboarding-verdict').getAttribute('data-verdict');
}

/** The verdict once the check is shown and not re-running. */
async function settledVerdict(frame: Frame): Promise<string | null> {
  await frame.getByTestId('offboarding-verdict').waitFor({ timeout: 30_000 });
  await frame.getByRole('button', { name: 'Check again' }).and(frame.locator(':not([disabled])')).waitFor();
  return verdict(frame);
}

function reasonCodes(frame: Frame): Promise<string[]> {
  return frame
    .locator('[data-reason]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-reason') ?? ''));
}

beforeAll(async () => {
  mkdirSync(IMAGES, { recursive: true });
  await ensureStaticBuild(['admin', 'issue-panel', 'background']);
  site = await startSiteForBrowser();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('offboarding check', { timeout: 90_000 }, () => {
  it('admin page subpage: an admin picks Olivia, sees block, and acknowledges the warning', async () => {
    const { page, frame, problems } = await openAdmin(browser, site, { path: '/offboarding' });
    await expect
      .poll(() => frame.getByRole('tab', { name: 'Offboarding check' }).getAttribute('aria-selected'))
      .toBe('true');
    await pickUser(frame, 'Person leaving', 'Olivia', /Olivia Owner/);
    expect(await settledVerdict(frame)).toBe('block');
    expect(await frame.getByRole('heading', { name: 'Don’t deactivate Olivia Owner yet' }).count()).toBe(1);
    expect(await reasonCodes(frame)).toEqual(
      expect.arrayContaining(['OWNS_WITHOUT_ACTIVE_BACKUP', 'OWNS_WITH_ACTIVE_BACKUP']),
    );
    // The account that blocks comes first, marked as such.
    const cards = frame.locator('[data-testid^="offboarding-account-"]');
    expect(await cards.count()).toBe(2);
    await expect.poll(() => cards.first().getAttribute('aria-label')).toBe('Jenkins CI');
    expect(await cards.first().getByText('Blocks deactivation').count()).toBe(1);

    // Acknowledge (recorded in the audit trail, with its sequence number).
    await frame.getByRole('button', { name: /Acknowledge the warning/ }).click();
    expect(await frame.getByTestId('acknowledge-deactivates-nobody').innerText()).toMatch(
      /deactivates nobody/,
    );
    // A reason is required: an empty one is refused beside the field.
    await frame.getByRole('button', { name: 'Record acknowledgement' }).click();
    await frame.getByText('Say why this person may be deactivated despite the warning.').waitFor();
    await page.screenshot({ path: join(IMAGES, 'offboarding-acknowledge.png'), fullPage: true });
    await frame.getByRole('textbox', { name: /Reason/ }).fill('HR ticket HR-42: leaving Friday.');
    // The error gives way to the helper text.
    await frame
      .getByText('Say why this person may be deactivated despite the warning.')
      .waitFor({ state: 'detached' });
    // The button sits at the viewport's bottom edge, where a click into the cross-origin frame can miss.
    await clickInFrame(frame, frame.getByRole('button', { name: 'Record acknowledgement' }));
    await waitForFlag(page, 'Acknowledgement recorded');
    await frame.getByTestId('offboarding-acknowledged').waitFor();
    expect(await frame.getByTestId('offboarding-acknowledged').innerText()).toMatch(
      /acknowledged this block verdict .* \(audit record #\d+\)/,
    );
    expect(await settledVerdict(frame)).toBe('block');
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('the acknowledgement form reads well in the dark theme', async () => {
    const { page, frame, problems } = await openAdmin(browser, site, { path: '/offboarding', theme: 'dark' });
    await pickUser(frame, 'Person leaving', 'Olivia', /Olivia Owner/);
    expect(await settledVerdict(frame)).toBe('block');
    await frame.getByRole('button', { name: /Acknowledge the warning/ }).click();
    await frame.getByTestId('acknowledge-deactivates-nobody').waitFor();
    await page.screenshot({ path: join(IMAGES, 'offboarding-acknowledge-dark.png'), fullPage: true });
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('issue panel: Oscar checks Olivia (block), hands Jenkins CI to Ben (warn), then GitHub Sync (safe)', async () => {
    const { page, panel, problems } = await openIssue('oscar@example.com');

    // The shell's issue view: the issue and its departing-person field, read from the local Jira.
    await page.getByRole('heading', { name: 'Offboard Olivia Owner', level: 1 }).waitFor();
    expect(await page.locator('dd[data-field="customfield_10050"]').innerText()).toContain('Olivia Owner');
    expect(await page.getByRole('heading', { name: 'Integration accounts check' }).count()).toBe(1);

    // The panel reads nobody from the UI: the backend took Olivia from the issue.
    expect(await settledVerdict(panel)).toBe('block');
    expect(await panel.getByText('Olivia Owner', { exact: true }).first().isVisible()).toBe(true);
    await page.screenshot({ path: join(IMAGES, 'offboarding-panel-block.png'), fullPage: true });

    // Transfer Jenkins CI (no backup owner) to a chosen person: Ben Backup.
    const jenkins = panel.getByTestId(/^offboarding-account-/).filter({ hasText: 'Jenkins CI' });
    await jenkins.getByRole('button', { name: 'Transfer ownership of Jenkins CI' }).click();
    await pickUser(panel, 'New owner', 'Ben', /Ben Backup/);
    await clickInFrame(panel, panel.getByRole('button', { name: 'Transfer to Ben Backup' }));
    await waitForFlag(page, /Jenkins CI now belongs to Ben Backup/);

    // The action answered with the check run again; "Check again" agrees.
    await expect.poll(() => verdict(panel), { timeout: 15_000 }).toBe('warn');
    await panel.getByRole('button', { name: 'Check again' }).click();
    expect(await settledVerdict(panel)).toBe('warn');
    expect(await reasonCodes(panel)).toEqual(['OWNS_WITH_ACTIVE_BACKUP']);
    expect(await panel.getByTestId(/^offboarding-account-/).count()).toBe(1);

    // GitHub Sync goes to its backup owner (prefilled): nothing is left, the verdict is safe.
    // The first transfer's flag may still be up: wait for this transfer's own words. The button can sit
    // at the viewport's bottom edge, where a plain click into the cross-origin frame can miss.
    await clickInFrame(panel, panel.getByRole('button', { name: 'Transfer ownership of GitHub Sync' }));
    await clickInFrame(panel, panel.getByRole('button', { name: 'Transfer to Ben Backup' }));
    await waitForFlag(page, /GitHub Sync now belongs to Ben Backup/);
    await expect.poll(() => verdict(panel), { timeout: 15_000 }).toBe('safe');
    await panel.getByRole('button', { name: 'Check again' }).click();
    expect(await settledVerdict(panel)).toBe('safe');
    expect(await panel.getByRole('heading', { name: 'Safe to deactivate Olivia Owner' }).count()).toBe(1);
    expect(await panel.getByTestId(/^offboarding-account-/).count()).toBe(0);
    await page.screenshot({ path: join(IMAGES, 'offboarding-panel-safe.png'), fullPage: true });

    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('issue panel: Nora, who is not offboarding staff, sees a neutral line and no data', async () => {
    const { page, panel, problems } = await openIssue('nora@example.com');
    await panel.getByTestId('issue-panel-not-for-you').waitFor({ timeout: 30_000 });
    const text = await panel.locator('body').innerText();
    expect(text.trim()).toBe('The integration accounts check is for offboarding staff and Jira admins.');
    for (const secret of ['Olivia', 'Jenkins', 'GitHub', 'Ben Backup', 'block', 'Block', 'safe', 'Safe'])
      expect(text).not.toContain(secret);
    expect(await panel.getByTestId('offboarding-verdict').count()).toBe(0);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('issue panel on a work item that names nobody says so, as a neutral line', async () => {
    const created = await fetch(`${site.url}/rest/api/3/issue`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('oscar@example.com:local-dev-token').toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        fields: {
          project: { key: 'OFF' },
          issuetype: { id: '10010' },
          summary: 'Offboard someone (to be named)',
        },
      }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const { page, panel, problems } = await openIssue('oscar@example.com', key);
    await panel.getByTestId('issue-panel-no-person').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('offboarding-verdict').count()).toBe(0);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });
});
