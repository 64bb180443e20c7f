/**
 * The app's own moving parts under the policy Forge serves (no `'unsafe-inline'`, no `'unsafe-eval'`):
 * what a page load alone does not show (csp.test.ts covers the loads). Opened menus, modals, a paged
 * table, the people pickers — each is where a library may inject a `<style>` element at run time:
 * react-select menus, `@atlaskit/modal-dialog`'s scroll lock (static/shared/scroll-lock.tsx), the
 * emotion-styled buttons of `@atlaskit/pagination` (static/shared/emotion-cache.ts).
 * Every step in light and dark: no CSP violation in any frame, tokens resolve, and a screenshot of the
 * surface in that state (docs/images/csp-*.png) to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_IDS } from '../../local/jira/seed.js';
import { LOCAL_IDS } from '../../local/runtime/runtime.js';
import {
  collectProblems,
  cspViolations,
  describeViolation,
  ensureStaticBuild,
  launchBrowser,
  ROOT_DIR,
  startSiteForBrowser,
} from '../support/browser.js';

type Site = Awaited<ReturnType<typeof startSiteForBrowser>>;
type Mode = 'light' | 'dark';

const IMAGES = join(ROOT_DIR, 'docs', 'images');
const VIEWPORT = { width: 1280, height: 900 };

let site: Site;
let browser: Browser;

const adminPath = (sub: string) =>
  `/jira/settings/apps/${site.manifest.appId}/${LOCAL_IDS.environmentId}${sub}`;
const globalPath = () => `/jira/apps/${site.manifest.appId}/${LOCAL_IDS.environmentId}`;

async function open(
  path: string,
  as: string,
  mode: Mode,
  heading: string | RegExp | undefined,
): Promise<{ page: Page; frame: Frame; problems: string[] }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const problems = collectProblems(page);
  await page.goto(`${site.url}${path}?as=${encodeURIComponent(as)}&theme=${mode}`);
  const handle = await page.waitForSelector('iframe[data-forge-frame]:not(.frame-background)', {
    state: 'attached',
  });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no app frame');
  if (heading) await frame.getByRole('heading', { name: heading, level: 1 }).waitFor({ timeout: 20_000 });
  return { page, frame, problems };
}

/** No CSP violation in any frame, the tokens resolved in the app frame, and the screenshot. */
async function check(page: Page, frame: Frame, problems: string[], shot: string): Promise<void> {
  // Late styles (menus, motion, lazy chunks) come a moment after the click.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(IMAGES, `${shot}.png`) });
  expect(cspViolations(page).map(describeViolation), 'CSP violations').toEqual([]);
  expect(problems.filter((p) => !/favicon/.test(p))).toEqual([]);
  const dsText = await frame.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--ds-text').trim(),
  );
  expect(dsText, '--ds-text in the app frame').not.toBe('');
}

/** A people picker's menu, opened by typing (react-select). */
async function openPicker(frame: Frame, name: string, query: string): Promise<void> {
  const input = frame.getByRole('combobox', { name, exact: true });
  await input.click();
  await input.pressSequentially(query, { delay: 20 });
  await frame.getByRole('option').first().waitFor({ timeout: 15_000 });
}

beforeAll(async () => {
  mkdirSync(IMAGES, { recursive: true });
  await ensureStaticBuild(['admin', 'global', 'issue-panel', 'background']);
  site = await startSiteForBrowser();
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe.each(['light', 'dark'] as const)('the app under the Forge CSP, %s', (mode) => {
  it('admin, accounts list', async () => {
    const { page, frame, problems } = await open(
      adminPath('/accounts'),
      'admin@example.com',
      mode,
      'Integration accounts',
    );
    try {
      await frame.getByRole('table').first().waitFor();
      await check(page, frame, problems, `csp-admin-accounts-${mode}`);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('admin, tag form: the account picker’s menu', async () => {
    const { page, frame, problems } = await open(
      adminPath('/tag'),
      'admin@example.com',
      mode,
      'Integration accounts',
    );
    try {
      await openPicker(frame, 'Account', 'ol');
      await check(page, frame, problems, `csp-admin-tag-picker-${mode}`);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('admin, account page: the retire modal locks the page through CSSOM and unlocks it', async () => {
    const { page, frame, problems } = await open(
      adminPath(`/accounts/${encodeURIComponent(DEMO_ACCOUNT_IDS.jenkinsCi)}`),
      'admin@example.com',
      mode,
      'Integration accounts',
    );
    try {
      const bodyOverflow = () => frame.evaluate(() => document.body.style.overflow);
      expect(await bodyOverflow()).toBe('');
      await frame.getByRole('button', { name: 'Retire', exact: true }).click();
      const dialog = frame.getByRole('dialog');
      await dialog.waitFor();
      expect(await bodyOverflow()).toBe('hidden');
      await check(page, frame, problems, `csp-admin-retire-modal-${mode}`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await bodyOverflow()).toBe('');
    } finally {
      await page.close();
    }
  }, 90_000);

  it('admin, import preview of 60 rows: the paged table’s buttons are styled (emotion, adopted sheet)', async () => {
    const { page, frame, problems } = await open(
      adminPath('/import'),
      'admin@example.com',
      mode,
      'Integration accounts',
    );
    try {
      const csv = [
        'accountId,displayName,status,purpose,ownerId',
        ...Array.from({ length: 60 }, (_, i) => `csp-${i},CSP ${i},active,Test,${DEMO_ACCOUNT_IDS.olivia}`),
      ].join('\n');
      await frame.getByLabel('CSV to import').fill(csv);
      await frame.getByRole('button', { name: 'Preview' }).click();
      // The preview's first page, then the second (rows 51–60).
      await frame.getByText('csp-0', { exact: true }).waitFor({ timeout: 20_000 });
      const next = frame.getByRole('button', { name: 'Next Page', exact: true });
      // By keyboard: after a pointer click here page 2 never came, once in a CI run of 2026-11-30 and once
      // locally the session before (cause not proven: likely the click landing while the frame resized to
      // the 50 new rows). What this test checks is the button's styling, not the pointer.
      await next.press('Enter');
      await frame.getByText('csp-59', { exact: true }).waitFor({ timeout: 20_000 });
      await next.scrollIntoViewIfNeeded();
      // The legacy button's emotion rules reached the page, without a <style> element: no native button border.
      const look = await frame.evaluate(() => ({
        adoptedRules: document.adoptedStyleSheets.reduce((n, s) => n + s.cssRules.length, 0),
        styleElements: document.querySelectorAll('style').length,
      }));
      const border = await next.evaluate((button) => getComputedStyle(button).borderTopWidth);
      expect(look.adoptedRules).toBeGreaterThan(0);
      expect(look.styleElements).toBe(0);
      expect(border).toBe('0px');
      await check(page, frame, problems, `csp-admin-import-pages-${mode}`);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('My integration accounts: the new-owner picker of a hand-over proposal', async () => {
    const { page, frame, problems } = await open(
      globalPath(),
      'olivia@example.com',
      mode,
      'My integration accounts',
    );
    try {
      await frame.getByRole('button', { name: 'Propose new owner for GitHub Sync' }).click();
      await openPicker(frame, 'New owner', 'ben');
      await check(page, frame, problems, `csp-global-propose-${mode}`);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('the issue panel: the transfer form’s picker', async () => {
    const { page, frame, problems } = await open('/browse/OFF-1', 'oscar@example.com', mode, undefined);
    try {
      await frame.getByTestId('offboarding-verdict').waitFor({ timeout: 20_000 });
      await frame.getByRole('button', { name: 'Transfer ownership' }).first().click();
      await openPicker(frame, 'New owner', 'ben');
      await check(page, frame, problems, `csp-issue-panel-transfer-${mode}`);
    } finally {
      await page.close();
    }
  }, 90_000);
});
