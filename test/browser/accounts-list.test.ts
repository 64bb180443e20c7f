/**
 * The accounts list and an account page at 1024 px: summary tiles that filter (pressed, by click or
 * Enter, cleared again), "No backup owner", search anywhere in names, emails and owners, the view in
 * the URL (back/forward, a copied link), expandable purposes, whole-word wrapping, a retired account
 * read as retired, and the first render with 4 s of Jira latency. Screenshots (light and dark, 1024 px)
 * go to docs/images/accounts-*.png.
 */
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { ADMIN_KEYS as K } from '../../src/contract/resolver-keys';
import type { AccountDto, AccountsPage } from '../../src/contract/accounts';
import { appFrame } from '../support/browser.js';
import { IMAGES, useBrowserSuite, localControl, invokeAsAdmin } from '../support/browser-suite.js';
import { adminUrl, screenshotPage, unexpected, type BrowserSite } from '../support/admin-page.js';
import { collectProblems } from '../support/browser.js';

const WIDTH = 1024;
const SLOW = { timeout: 30_000 };

let site: BrowserSite;
let browser: Browser;

useBrowserSuite((s) => ({ site, browser } = s));

vi.setConfig({ testTimeout: 180_000 });

const local = <T>(path: string, body: unknown = {}) => localControl<T>(site, path, body);

const asAdmin = <T>(functionKey: string, payload: unknown) => invokeAsAdmin<T>(site, functionKey, payload);

async function open(
  path: string,
  theme: 'light' | 'dark' = 'light',
): Promise<{ page: Page; frame: Frame; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 800 } });
  const problems = collectProblems(page);
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  const [pathname, query] = path.split('?');
  const url = new URL(adminUrl(site, pathname, 'admin@example.com', theme));
  for (const [k, v] of new URLSearchParams(query ?? '')) url.searchParams.set(k, v);
  await page.goto(url.toString());
  const frame = await appFrame(page);
  await frame.getByRole('heading', { name: 'Integration accounts', level: 1 }).waitFor(SLOW);
  return { page, frame, problems };
}

/** The app's query string as the shell's URL shows it (host parameters left out). */
function appQuery(page: Page): Record<string, string> {
  const params = new URL(page.url()).searchParams;
  params.delete('as');
  params.delete('theme');
  return Object.fromEntries(params);
}

/** The names in the first cell of each row of the accounts table, once it shows `count` rows. */
async function rowNames(frame: Frame, count?: number): Promise<string[]> {
  const table = frame.getByTestId('accounts-table--table');
  await table.waitFor(SLOW);
  const names = () => table.locator('tbody tr td:first-child a').allInnerTexts();
  if (count !== undefined) await expect.poll(async () => (await names()).length, SLOW).toBe(count);
  return names();
}

async function expectRows(frame: Frame, names: string[]): Promise<void> {
  await expect.poll(() => rowNames(frame), SLOW).toEqual(names);
}

const tile = (frame: Frame, label: string): Locator =>
  frame.getByRole('group', { name: 'Registry summary' }).getByRole('button', { name: new RegExp(label) });

/** Words (of the text under `root`) that the layout split across two lines. */
async function brokenWords(root: Locator): Promise<string[]> {
  return root.evaluate((el) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const m of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(
          [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
        );
        if (tops.size > 1) broken.push(m[0]);
      }
    }
    return broken;
  });
}

async function shot(page: Page, frame: Frame, name: string): Promise<void> {
  await frame.locator('body').evaluate(() => document.fonts.ready);
  await screenshotPage(page, join(IMAGES, name));
}

describe('accounts list at 1024 px', () => {
  it('tiles filter the list, search finds names, emails and owners, and the view lives in the URL', async () => {
    await local('/reset');
    const { page, frame, problems } = await open('');
    await expectRows(frame, ['GitHub Sync', 'Jenkins CI', 'Legacy Importer', 'Reporting Service']);
    expect(await tile(frame, 'Tagged accounts').getAttribute('aria-pressed')).toBe('true');

    // A tile applies its filter and shows pressed; the select says the same; the URL carries it.
    await tile(frame, 'No backup owner').click();
    await expectRows(frame, ['Jenkins CI', 'Legacy Importer']);
    expect(await tile(frame, 'No backup owner').getAttribute('aria-pressed')).toBe('true');
    expect(await tile(frame, 'Tagged accounts').getAttribute('aria-pressed')).toBe('false');
    await frame.getByText('No backup owner', { exact: true }).first().waitFor();
    expect(appQuery(page)).toEqual({ attention: 'nobackup' });

    // From the keyboard: Enter on "High risk" adds its filter to the one in place.
    await tile(frame, 'High risk').focus();
    await page.keyboard.press('Enter');
    await expectRows(frame, ['Legacy Importer']);
    expect(appQuery(page)).toEqual({ attention: 'nobackup', risk: 'high' });
    expect(await tile(frame, 'High risk').getAttribute('aria-pressed')).toBe('true');
    // Pressed again, it clears its filter.
    await page.keyboard.press('Enter');
    await expectRows(frame, ['Jenkins CI', 'Legacy Importer']);
    await shot(page, frame, 'accounts-tile-filter-light.png');

    // Search: a word in the middle of a name.
    const search = frame.getByRole('textbox', { name: 'Search accounts' });
    await frame.getByRole('button', { name: 'Clear filters' }).first().click();
    await expectRows(frame, ['GitHub Sync', 'Jenkins CI', 'Legacy Importer', 'Reporting Service']);
    await search.fill('sync');
    await expectRows(frame, ['GitHub Sync']);
    expect(appQuery(page)).toEqual({ q: 'sync' });
    // …in an email…
    await search.fill('reporting-service@');
    await expectRows(frame, ['Reporting Service']);
    // …the owner by name, and the backup owner by name.
    await search.fill('olivia');
    await expectRows(frame, ['GitHub Sync', 'Jenkins CI']);
    await search.fill('ben backup');
    await expectRows(frame, ['GitHub Sync', 'Reporting Service']);
    await tile(frame, 'No backup owner').click();
    await frame.getByText('No accounts match these filters').waitFor(SLOW);
    expect(appQuery(page)).toEqual({ q: 'ben backup', attention: 'nobackup' });

    // Back restores the view before, forward the one after (search box included).
    await page.goBack();
    await expectRows(frame, ['GitHub Sync', 'Reporting Service']);
    await expect.poll(() => search.inputValue()).toBe('ben backup');
    expect(await tile(frame, 'No backup owner').getAttribute('aria-pressed')).toBe('false');
    await page.goBack();
    await expect.poll(() => search.inputValue(), SLOW).toBe('olivia');
    await expectRows(frame, ['GitHub Sync', 'Jenkins CI']);
    await page.goForward();
    await expect.poll(() => search.inputValue(), SLOW).toBe('ben backup');

    // Sort is in the URL too; a copied link opens the same view in another tab.
    await frame.getByRole('combobox', { name: 'Sort by' }).click();
    await frame.getByRole('option', { name: 'Risk' }).click();
    await expect.poll(() => appQuery(page)).toEqual({ q: 'ben backup', sort: 'risk' });
    const copied = new URL(page.url());
    const other = await browser.newPage({ viewport: { width: WIDTH, height: 800 } });
    await other.goto(copied.toString());
    const otherFrame = await appFrame(other);
    await expectRows(otherFrame, ['GitHub Sync', 'Reporting Service']);
    expect(await otherFrame.getByRole('textbox', { name: 'Search accounts' }).inputValue()).toBe(
      'ben backup',
    );
    await otherFrame.getByText('Risk', { exact: true }).first().waitFor();
    await other.close();

    // A clipped purpose opens and closes; at 1024 px no word of the table is split over two lines.
    await frame.getByRole('button', { name: 'Clear filters' }).first().click();
    await rowNames(frame, 4);
    const more = frame.getByRole('button', { name: 'Show more of the purpose of Jenkins CI' });
    await more.click();
    const less = frame.getByRole('button', { name: 'Show less of the purpose of Jenkins CI' });
    expect(await less.getAttribute('aria-expanded')).toBe('true');
    expect(await less.innerText()).toBe('Show less');
    const table = frame.getByTestId('accounts-table--table');
    expect(await brokenWords(table)).toEqual([]);
    await shot(page, frame, 'accounts-list-1024-light.png');

    expect(unexpected(problems)).toEqual([]);
    await page.close();

    // The same view in dark mode.
    const dark = await open('/accounts?attention=nobackup', 'dark');
    await expectRows(dark.frame, ['Jenkins CI', 'Legacy Importer']);
    expect(await tile(dark.frame, 'No backup owner').getAttribute('aria-pressed')).toBe('true');
    expect(await brokenWords(dark.frame.getByTestId('accounts-table--table'))).toEqual([]);
    await shot(dark.page, dark.frame, 'accounts-tile-filter-dark.png');
    await dark.page.close();
  });

  it('a retired account reads as retired, on the list and on its page (light and dark)', async () => {
    await local('/reset');
    const list = await asAdmin<AccountsPage>(K.accountsList, { search: 'github' });
    const github = list.rows[0]!;
    await asAdmin<AccountDto>(K.accountsRetire, {
      accountId: github.accountId,
      version: github.version,
      reason: 'Replaced by the GitHub app for Jira.',
    });

    for (const theme of ['light', 'dark'] as const) {
      const { page, frame, problems } = await open('', theme);
      await rowNames(frame, 3);
      await tile(frame, 'Retired').click();
      await expectRows(frame, ['GitHub Sync']);
      expect(appQuery(page)).toEqual({ status: 'retired' });
      const table = frame.getByTestId('accounts-table--table');
      expect(await table.getByRole('columnheader').allInnerTexts()).toEqual([
        'Account',
        'Purpose',
        'Last owner and backup',
        'Retired',
      ]);
      const row = table.getByRole('row', { name: /GitHub Sync/ });
      expect(await row.innerText()).not.toMatch(/risk|Overdue|finding/i);
      // Filters that watch tagged accounts are not offered for retired ones.
      expect(await frame.getByRole('combobox', { name: 'Needs attention' }).count()).toBe(0);
      if (theme === 'light') await shot(page, frame, 'accounts-retired-list-light.png');

      await row.getByRole('link', { name: 'GitHub Sync' }).click();
      await frame.getByRole('heading', { name: 'GitHub Sync', level: 2 }).waitFor(SLOW);
      await frame.getByText('This account is retired').waitFor();
      const main = frame.locator('main');
      const text = await main.innerText();
      expect(text).not.toMatch(/risk/i);
      expect(text).not.toMatch(/Review due|Overdue/);
      expect(text).not.toMatch(/Edit the account/);
      expect(await frame.getByRole('region', { name: /^Findings/ }).count()).toBe(0);
      // Jira's "Active" is no lozenge beside "Retired": it is said in words (only the people keep theirs).
      const registration = frame.getByRole('region', { name: 'Registration' });
      expect(await main.getByText('Active', { exact: true }).count()).toBe(
        await registration.getByText('Active', { exact: true }).count(),
      );
      expect(await frame.getByTestId('retired-jira-account').innerText()).toMatch(
        /^Its Jira user account is still active: .*deactivate it in Jira\.$/,
      );
      // One primary action in the account's header: Re-tag (the page header's Tag account is another area).
      expect(await frame.getByRole('button', { name: 'Re-tag' }).count()).toBe(1);
      expect(await frame.getByRole('button', { name: 'Edit' }).count()).toBe(0);
      expect(await brokenWords(frame.getByRole('heading', { name: 'GitHub Sync', level: 2 }))).toEqual([]);
      await shot(page, frame, `accounts-retired-page-${theme}.png`);
      expect(unexpected(problems)).toEqual([]);
      await page.close();
    }
  });

  it('an account page at 1024 px: skeleton first, then whole words and an expandable purpose', async () => {
    await local('/reset');
    const jenkins = (await asAdmin<AccountsPage>(K.accountsList, { search: 'jenkins' })).rows[0]!;
    for (const theme of ['light', 'dark'] as const) {
      const { page, frame } = await open(`/accounts/${jenkins.accountId}`, theme);
      await frame.getByRole('heading', { name: 'Jenkins CI', level: 2 }).waitFor(SLOW);
      const registration = frame.getByRole('region', { name: 'Registration' });
      expect(await brokenWords(registration)).toEqual([]);
      expect(await brokenWords(frame.getByRole('region', { name: 'Review and risk' }))).toEqual([]);
      await shot(page, frame, `accounts-page-1024-${theme}.png`);
      await page.close();
    }
  });

  it('with 4 s of Jira latency the rows appear before the settings call answers', async () => {
    await local('/reset');
    const LATENCY = 4_000;
    await local('/jira/config', { latencyMs: LATENCY });
    try {
      const page = await browser.newPage({ viewport: { width: WIDTH, height: 800 } });
      const started = Date.now();
      const calls: { key: string; at: number; done?: number }[] = [];
      // Hold the settings call's answer a further 4 s: the list must not be waiting for it.
      await page.route('**/__local/invoke', async (route) => {
        const { functionKey: key, moduleKey } = route.request().postDataJSON() as {
          functionKey: string;
          moduleKey: string;
        };
        const call: { key: string; at: number; done?: number } = { key, at: Date.now() - started };
        // The admin page's calls (the shell's background script asks for owner notices on its own).
        if (moduleKey === 'integration-accounts-admin') calls.push(call);
        const response = await route.fetch();
        if (key === K.settingsGet) await new Promise((r) => setTimeout(r, LATENCY));
        call.done = Date.now() - started;
        await route.fulfill({ response });
      });
      await page.goto(adminUrl(site, '', 'admin@example.com'));
      const frame = await appFrame(page);
      // The page's shape shows at once: a skeleton, not a spinner.
      await frame.getByTestId('table-skeleton').waitFor(SLOW);
      await page.screenshot({ path: join(IMAGES, 'accounts-loading-skeleton-light.png') });
      await frame.getByTestId('accounts-table--table').locator('tbody tr').first().waitFor(SLOW);
      const rowsAt = Date.now() - started;
      const settings = calls.find((c) => c.key === K.settingsGet);
      const listCall = calls.find((c) => c.key === K.accountsList);
      expect(settings, JSON.stringify(calls)).toBeDefined();
      expect(listCall?.done, JSON.stringify(calls)).toBeDefined();
      // The settings call is still outstanding when the rows are on screen…
      expect(settings?.done, JSON.stringify(calls)).toBeUndefined();
      // …and the list call started beside it, not after it.
      expect(listCall!.at).toBeLessThan(settings!.at + LATENCY);
      // Before the rows, the page asked for nothing but the list and (beside it) the settings.
      expect([...new Set(calls.filter((c) => c.at < rowsAt).map((c) => c.key))].sort()).toEqual(
        [K.accountsList, K.settingsGet].sort(),
      );
      // One Jira round trip (the list's admin check), not two in a row.
      expect(rowsAt).toBeLessThan(started + 2 * LATENCY + 3_000 - started);
      await page.close();
    } finally {
      await local('/jira/config', { latencyMs: 0 });
    }
  });
});
