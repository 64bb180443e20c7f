/**
 * The admin page in a real browser against the real local site: the Jira-like shell, the sandboxed
 * Custom UI iframe, the bridge, `/__local/invoke`, the resolvers, the Jira simulator. The registry's
 * own flows are in registry.test.ts. Screenshots go to docs/images/.
 */
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appFrame, collectProblems } from '../support/browser.js';
import { IMAGES, useBrowserSuite } from '../support/browser-suite.js';
import type { BrowserSite } from '../support/admin-page.js';
import { FORGE_IFRAME_SANDBOX } from '../../local/host/cdn.js';

const VIEWPORT = { width: 1280, height: 800 };

let site: BrowserSite;
let browser: Browser;

function adminUrl(as: string): string {
  return `${site.url}/jira/settings/apps/${site.manifest.appId}/e0e0e0e0-0000-4000-8000-0000000000e0?as=${encodeURIComponent(as)}`;
}

async function openAdminPage(as: string): Promise<{ page: Page; frame: Frame; problems: string[] }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const problems = collectProblems(page);
  await page.goto(adminUrl(as));
  const frame = await appFrame(page);
  await frame.getByRole('heading', { name: 'Integration accounts', level: 1 }).waitFor();
  return { page, frame, problems };
}

/** Problems other than the resolver's expected refusal (a 200 with `ok:false` is not one). */
function unexpected(problems: string[]): string[] {
  return problems.filter((p) => !/favicon/.test(p));
}

useBrowserSuite((s) => ({ site, browser } = s));

describe('admin page: the shell, the registry, refusal and the bridge', () => {
  it('shows the seeded registry to a Jira admin, in the shell, with the table and its columns', async () => {
    const { page, frame, problems } = await openAdminPage('admin@example.com');

    // The shell: acting as the admin, the admin sidebar entry is the current page.
    await expect.poll(() => page.getByLabel('Acting as').inputValue()).toBe('admin@example.com');
    expect(
      await page
        .getByRole('navigation', { name: 'Jira settings' })
        .getByRole('link', { name: 'Integration accounts' })
        .getAttribute('aria-current'),
    ).toBe('page');
    expect(await page.locator('iframe[data-forge-frame]').first().getAttribute('sandbox')).toBe(
      FORGE_IFRAME_SANDBOX,
    );

    // The app: the registry's seeded accounts, with their owners and Jira states.
    const table = frame.getByTestId('accounts-table--table');
    await table.waitFor();
    const jenkins = table.getByRole('row', { name: /Jenkins CI/ });
    const github = table.getByRole('row', { name: /GitHub Sync/ });
    await jenkins.waitFor();
    expect(await jenkins.innerText()).toMatch(/Olivia Owner/);
    expect(await github.innerText()).toMatch(/Ben Backup/);
    expect(await jenkins.getByText('Active', { exact: true }).count()).toBe(1);
    expect(
      await table
        .getByRole('row', { name: /Legacy Importer/ })
        .getByText('Inactive', { exact: true })
        .count(),
    ).toBe(1);
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual([
      'Account',
      'Purpose',
      'Owner and backup',
      'Review due',
      'Risk and findings',
    ]);
    // Release Bot is not tagged: it is a candidate, not a row.
    expect(await table.getByRole('row', { name: /Release Bot/ }).count()).toBe(0);

    // The theme came from the host through the bridge.
    expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe(
      'light',
    );

    // Sections are tabs, operable from the keyboard, and each one is a deep link.
    await frame.getByRole('tab', { name: 'Accounts' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/\/candidates$/);
    await frame.getByRole('row', { name: /Release Bot/ }).waitFor({ timeout: 30_000 });
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/0000000000e0$/);
    await table.waitFor();

    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('refuses a user who is not a Jira admin, showing no user data', async () => {
    const { page, frame, problems } = await openAdminPage('nora@example.com');
    await frame.getByText('You need to be a Jira administrator to use Integration accounts.').waitFor();
    expect(await frame.getByRole('table').count()).toBe(0);
    expect(await frame.getByRole('row').count()).toBe(0);
    expect(await frame.getByRole('tab').count()).toBe(0);
    expect(await frame.getByText('Olivia Owner').count()).toBe(0);
    expect(await frame.getByText('jenkins-ci@example.com').count()).toBe(0);
    await expect.poll(() => page.getByLabel('Acting as').inputValue()).toBe('nora@example.com');
    await page.screenshot({ path: join(IMAGES, 'admin-refused.png') });
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('keeps the acting user in a cookie, and says so when the email is unknown', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(`${site.url}/?as=nora@example.com`);
    await page.goto(`${site.url}/`);
    expect(await page.getByLabel('Acting as').inputValue()).toBe('nora@example.com');
    // The home page links to the admin page by its title.
    const adminLink = page.locator(
      `a[href="/jira/settings/apps/${site.manifest.appId}/e0e0e0e0-0000-4000-8000-0000000000e0"]`,
    );
    expect(await adminLink.first().innerText()).toMatch(/^Integration accounts/);
    const response = await page.goto(`${site.url}/?as=nobody@example.com`);
    expect(response?.status()).toBe(400);
    expect(await page.getByRole('heading', { name: 'Unknown user' }).isVisible()).toBe(true);
    await page.close();
  });

  it('answers the bridge calls the app may make, and rejects unknown ones', async () => {
    const { page, frame } = await openAdminPage('admin@example.com');
    const context = (await frame.evaluate(() => window.__bridge!.callBridge('getContext'))) as Record<
      string,
      unknown
    >;
    const admin = site.site.userByEmail('admin@example.com')!;
    expect(context).toMatchObject({
      accountId: admin.accountId,
      moduleKey: 'integration-accounts-admin',
      environmentType: 'DEVELOPMENT',
      extension: { type: 'jira:adminPage' },
      // The signed-in user's own locale and time zone (the seed's admin: en_AU, Australia/Sydney).
      locale: 'en-AU',
      timezone: admin.timeZone,
      siteUrl: site.url,
    });
    expect(admin.locale).toBe('en_AU');
    await expect(frame.evaluate(() => window.__bridge!.callBridge('noSuchCall'))).rejects.toThrow(
      /noSuchCall.*not supported/,
    );

    // showFlag renders in the shell, and its close button dismisses it.
    await frame.evaluate(() =>
      window.__bridge!.callBridge('showFlag', {
        id: 'f1',
        title: 'Saved',
        description: 'All good',
        type: 'success',
      }),
    );
    const flag = page.getByRole('status').filter({ hasText: 'Saved' });
    await flag.waitFor();
    await page.getByRole('button', { name: 'Dismiss: Saved' }).click();
    await flag.waitFor({ state: 'detached' });

    // createHistory keeps the shell URL in sync with the app's location.
    await frame.evaluate(async () => {
      const history = (await window.__bridge!.callBridge('createHistory')) as { push(path: string): void };
      history.push('/accounts/123');
    });
    await expect
      .poll(() => new URL(page.url()).pathname)
      .toMatch(/\/e0e0e0e0-0000-4000-8000-0000000000e0\/accounts\/123$/);
    await page.close();
  });
});
