/**
 * The registry admin page in a real browser against the local site: tag an account through the
 * pickers, find it, open it, retire it; the CONFLICT path; deep links and the back button; the
 * audit log's verify; settings and the webhook secret; a non-admin's refusal. Screenshots go to
 * docs/images/.
 */
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { appFrame, clickInFrame } from '../support/browser.js';
import { IMAGES, useBrowserSuite } from '../support/browser-suite.js';
import {
  adminUrl,
  screenshotPage,
  openAdmin,
  pickUser,
  unexpected,
  waitForFlag,
  type BrowserSite,
} from '../support/admin-page.js';

let site: BrowserSite;
let browser: Browser;

useBrowserSuite((s) => ({ site, browser } = s));

const shot = (page: Page, name: string) => screenshotPage(page, join(IMAGES, name));

/** The app path the shell's URL shows (the part after the page's base). */
const appPath = (page: Page) =>
  new URL(page.url()).pathname.replace(/^.*\/e0e0e0e0-0000-4000-8000-0000000000e0/, '');

async function accountsTable(frame: Frame) {
  const table = frame.getByTestId('accounts-table--table');
  await table.waitFor();
  return table;
}

vi.setConfig({ testTimeout: 120_000 });

describe('registry admin page', () => {
  it('tags Release Bot through the pickers, finds it, opens it and retires it', async () => {
    const { page, frame, problems } = await openAdmin(browser, site);

    // The list: seeded accounts, counts from the list response.
    const table = await accountsTable(frame);
    await table.getByRole('row', { name: /Jenkins CI/ }).waitFor();
    expect(await table.getByRole('row', { name: /GitHub Sync/ }).count()).toBe(1);
    expect(await frame.getByRole('group', { name: 'Registry summary' }).innerText()).toMatch(
      /4\s*Tagged accounts/,
    );
    expect(appPath(page)).toBe('');
    await frame.locator('body').evaluate(() => document.fonts.ready);
    await shot(page, 'registry-list.png');

    // Tag account → the form, with the exact field names.
    await frame.getByRole('button', { name: 'Tag account', exact: true }).click();
    await frame.getByRole('form', { name: 'Tag account' }).waitFor();
    expect(appPath(page)).toBe('/tag');
    await frame.getByText('Record metadata only — never paste a token').waitFor();
    await pickUser(frame, 'Account', 'Release', /Release Bot/);
    await frame
      .getByRole('textbox', { name: 'Purpose', exact: true })
      .fill('Publishes release notes to Jira versions.');
    await pickUser(frame, 'Owner', 'Olivia', /Olivia Owner/);
    expect(await frame.getByRole('combobox', { name: 'Backup owner', exact: true }).count()).toBe(1);
    expect(await frame.getByRole('spinbutton', { name: 'Review cadence (days)' }).inputValue()).toBe('90');

    // One integration row.
    await frame.getByRole('button', { name: 'Add integration' }).click();
    await frame.getByRole('textbox', { name: 'System, integration 1' }).fill('Release pipeline');
    await frame.getByRole('textbox', { name: 'Credential label, integration 1' }).fill('release-bot-token');
    await shot(page, 'registry-tag-form.png');

    await frame.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForFlag(page, 'Account tagged');
    await frame.getByRole('heading', { name: 'Release Bot', level: 2 }).waitFor();
    expect(appPath(page)).toMatch(/^\/accounts\/[0-9a-f]+$/);

    // Find it in the list by "Search accounts", open it from its row.
    await frame.getByRole('tab', { name: 'Accounts' }).click();
    await accountsTable(frame);
    await frame.getByRole('textbox', { name: 'Search accounts' }).fill('Rel');
    await expect
      .poll(async () => (await accountsTable(frame)).getByRole('row').count(), { timeout: 15_000 })
      .toBe(2); // header + Release Bot
    const row = (await accountsTable(frame)).getByRole('row', { name: /Release Bot/ });
    expect(await row.innerText()).toMatch(/Olivia Owner/);
    await row.getByRole('link', { name: 'Release Bot' }).click();
    await frame.getByRole('heading', { name: 'Release Bot', level: 2 }).waitFor();
    await frame.getByRole('region', { name: 'History' }).getByText('Account tagged').waitFor();
    await shot(page, 'registry-account.png');

    // Retire: a reason is required.
    await frame.getByRole('button', { name: 'Retire', exact: true }).click();
    const dialog = frame.getByRole('dialog', { name: /Retire Release Bot/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Retire account' }).click();
    await dialog.getByText('Say why the account is retired.').waitFor();
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Replaced by the new release service.');
    await dialog.getByRole('button', { name: 'Retire account' }).click();
    await waitForFlag(page, 'Account retired');
    await frame.getByText('This account is retired').waitFor();
    expect(await frame.getByRole('button', { name: 'Re-tag' }).count()).toBe(1);
    expect(await frame.getByRole('button', { name: 'Retire', exact: true }).count()).toBe(0);

    // The back button walks the app's history (account page ← list ← account page).
    await page.goBack();
    await expect.poll(() => appPath(page)).toBe('/accounts');
    // …with its search, which now finds nothing tagged: Release Bot is retired.
    expect(new URL(page.url()).searchParams.get('q')).toBe('Rel');
    await frame.getByText('No accounts match these filters').waitFor();

    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('opens deep links, and shows a CONFLICT to the second of two editors with a reload', async () => {
    const github = site.site.userByEmail('github-sync@example.com')!;
    const editPath = `/accounts/${github.accountId}/edit`;
    const a = await openAdmin(browser, site, { path: editPath });
    const b = await openAdmin(browser, site, { path: editPath });
    for (const { frame } of [a, b]) await frame.getByRole('form', { name: 'Edit account' }).waitFor();
    expect(await a.frame.getByRole('textbox', { name: 'Purpose', exact: true }).inputValue()).toMatch(
      /GitHub/,
    );

    await a.frame
      .getByRole('textbox', { name: 'Purpose', exact: true })
      .fill('Syncs GitHub pull requests (edited by A).');
    await a.frame.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForFlag(a.page, 'Changes saved');

    await b.frame
      .getByRole('textbox', { name: 'Purpose', exact: true })
      .fill('Edited by B at the same time.');
    await b.frame.getByRole('button', { name: 'Save', exact: true }).click();
    await b.frame.getByText('Someone else saved this account while you were editing').waitFor();
    await b.frame.getByText(/They changed: purpose/).waitFor();
    await waitForFlag(b.page, 'Not saved');
    // Nothing was kept silently: B's text is still in the form until B chooses to reload.
    expect(await b.frame.getByRole('textbox', { name: 'Purpose', exact: true }).inputValue()).toBe(
      'Edited by B at the same time.',
    );
    await b.frame.getByRole('button', { name: 'Reload the current record' }).click();
    await expect
      .poll(() => b.frame.getByRole('textbox', { name: 'Purpose', exact: true }).inputValue(), {
        timeout: 15_000,
      })
      .toBe('Syncs GitHub pull requests (edited by A).');

    expect(unexpected(a.problems)).toEqual([]);
    await a.page.close();
    await b.page.close();
  });

  it('verifies the audit log, filters it, and exports it', async () => {
    const { page, frame, problems } = await openAdmin(browser, site, { path: '/audit' });
    expect(await frame.getByRole('tab', { name: 'Audit log' }).getAttribute('aria-selected')).toBe('true');
    await frame.getByTestId('audit-table--table').waitFor();
    await frame.getByRole('button', { name: 'Verify' }).click();
    await frame.getByText('The audit log is intact').waitFor({ timeout: 30_000 });
    await waitForFlag(page, 'Audit log verified');

    // Filter by action.
    await frame.getByRole('combobox', { name: 'Action' }).click();
    await frame.getByRole('option', { name: 'Account tagged' }).click();
    await expect
      .poll(async () => {
        const texts = await frame.getByTestId('audit-table--table').locator('tbody tr').allInnerTexts();
        return texts.length > 0 && texts.every((t) => t.includes('Account tagged'));
      })
      .toBe(true);
    await shot(page, 'registry-audit.png');

    await frame.getByRole('button', { name: 'Export CSV' }).click();
    await waitForFlag(page, 'Audit log exported');
    const result = frame.getByTestId('export-result-csv');
    await result.getByRole('link', { name: /Download integration-accounts-audit-.*\.csv/ }).waitFor();
    await result.getByRole('button', { name: 'Show as text' }).click();
    expect(await result.getByRole('textbox').inputValue()).toMatch(/^seq,at,actorId/);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('edits settings with validation, and rotates the webhook secret once', async () => {
    const { page, frame, problems } = await openAdmin(browser, site, { path: '/settings' });
    const cadence = frame.getByRole('spinbutton', { name: 'Default review cadence (days)' });
    await cadence.fill('10');
    await frame.getByRole('button', { name: 'Save settings' }).click();
    expect(await frame.locator('#settings-cadence-error').innerText()).toMatch(/30/);
    await cadence.fill('120');
    await frame.getByRole('button', { name: 'Save settings' }).click();
    await waitForFlag(page, 'Settings saved');

    await frame.getByRole('button', { name: /Rotate secret|Create secret/ }).click();
    const dialog = frame.getByRole('dialog');
    await dialog.getByRole('button', { name: /Rotate secret|Create secret/ }).click();
    await frame.getByText('Copy the new secret now — it won’t be shown again').waitFor();
    expect(await frame.getByRole('textbox', { name: 'New webhook secret' }).inputValue()).toMatch(/^whsec_/);
    await shot(page, 'registry-settings.png');

    // The tag form now defaults to the new cadence.
    await frame.getByRole('button', { name: 'Tag account', exact: true }).click();
    expect(await frame.getByRole('spinbutton', { name: 'Review cadence (days)' }).inputValue()).toBe('120');
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('lists candidates with Tag and Dismiss', async () => {
    const { page, frame } = await openAdmin(browser, site, { path: '/candidates' });
    await frame.getByTestId('candidates-table--table').waitFor({ timeout: 30_000 });
    const rows = frame.getByTestId('candidates-table--table').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const first = rows.first();
    const name = (await first.locator('td').first().innerText()).split('\n')[0]!;
    await first.getByRole('button', { name: `Tag ${name}` }).click();
    await frame.getByRole('form', { name: 'Tag account' }).waitFor();
    expect(await frame.getByRole('form', { name: 'Tag account' }).innerText()).toContain(name);
    await page.goBack();
    await frame.getByTestId('candidates-table--table').waitFor({ timeout: 30_000 });
    await frame.getByRole('button', { name: `Dismiss ${name}` }).click();
    // A small confirmation asks why; the reason is required and counted.
    const dialog = frame.getByRole('dialog', { name: `Dismiss ${name}` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await dialog.getByText('Say why this account is not an integration account.').waitFor();
    const reason = dialog.getByRole('textbox', { name: 'Why is it not an integration account?' });
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    const why = 'A person’s account with a bot-like name.';
    await reason.fill(why);
    await dialog.getByText(new RegExp(`^${String(why.length)}\\D+500`)).waitFor();
    await dialog.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await waitForFlag(page, 'Candidate dismissed');
    await dialog.waitFor({ state: 'detached' });
    expect(await frame.getByRole('button', { name: `Dismiss ${name}` }).count()).toBe(0);
    await clickInFrame(frame, frame.getByRole('tab', { name: 'Dismissed' }));
    await frame.getByText(why).waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('looks right in the dark theme', async () => {
    const { page, frame } = await openAdmin(browser, site, { theme: 'dark' });
    await accountsTable(frame);
    expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
    await shot(page, 'registry-list-dark.png');
    await page.close();
  });

  it('refuses a user who is not a Jira admin, on every subpage', async () => {
    for (const path of ['', '/accounts', '/settings', '/audit']) {
      const page = await browser.newPage();
      await page.goto(adminUrl(site, path, 'nora@example.com'));
      const frame = await appFrame(page);
      await frame
        .getByText('You need to be a Jira administrator to use Integration accounts.')
        .waitFor({ timeout: 20_000 })
        .catch(async (e: unknown) => {
          throw new Error(
            `${path}: ${String(e)}\nframe ${frame.url()} says: ${await frame.locator('body').innerText()}`,
          );
        });
      expect(await frame.getByRole('table').count()).toBe(0);
      expect(await frame.getByRole('button', { name: 'Tag account' }).count()).toBe(0);
      expect(await frame.getByText('Jenkins CI').count()).toBe(0);
      await page.close();
    }
  });
});
