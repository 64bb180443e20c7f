/**
 * Helpers for browser tests of the admin page "Integration accounts": open it at a sub-path as a
 * user, pick people in the Atlaskit pickers by typing, and wait for host flags.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { appFrame, collectProblems, type startSiteForBrowser } from './browser.js';

export type BrowserSite = Awaited<ReturnType<typeof startSiteForBrowser>>;

export const ENV_ID = 'e0e0e0e0-0000-4000-8000-0000000000e0';
export const VIEWPORT = { width: 1280, height: 800 };

export function adminUrl(site: BrowserSite, path = '', as?: string, theme?: 'light' | 'dark'): string {
  const params = new URLSearchParams();
  if (as) params.set('as', as);
  if (theme) params.set('theme', theme);
  const query = params.toString();
  return `${site.url}/jira/settings/apps/${site.manifest.appId}/${ENV_ID}${path}${query ? `?${query}` : ''}`;
}

export async function openAdmin(
  browser: Browser,
  site: BrowserSite,
  opts: { as?: string; path?: string; theme?: 'light' | 'dark' } = {},
): Promise<{ page: Page; frame: Frame; problems: string[] }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const problems = collectProblems(page);
  await page.goto(adminUrl(site, opts.path ?? '', opts.as ?? 'admin@example.com', opts.theme));
  const frame = await appFrame(page);
  await frame.getByRole('heading', { name: 'Integration accounts', level: 1 }).waitFor();
  return { page, frame, problems };
}

/** Types into an Atlaskit user picker (by its accessible name) and picks the option matching `option`. */
export async function pickUser(
  frame: Frame,
  pickerName: string,
  query: string,
  option: RegExp,
): Promise<void> {
  const input = frame.getByRole('combobox', { name: pickerName, exact: true });
  await input.click();
  await input.pressSequentially(query, { delay: 20 });
  const choice = frame.getByRole('option', { name: option });
  await choice.first().waitFor({ timeout: 15_000 });
  await choice.first().click();
}

/** A host flag (rendered by the shell, outside the app frame) whose text matches. */
export async function waitForFlag(page: Page, text: string | RegExp): Promise<void> {
  await page
    .locator('[role="status"], [role="alert"]')
    .filter({ hasText: text })
    .first()
    .waitFor({ timeout: 15_000 });
}

/** Problems other than noise the tests don't care about. */
export function unexpected(problems: string[]): string[] {
  return problems.filter((p) => !/favicon/.test(p));
}

/**
 * A screenshot of the whole page as a user would see it on a tall screen: host flags dismissed,
 * the viewport stretched to the page's height (a full-page capture would repeat the shell's sticky
 * top bar mid-image), then restored.
 */
export async function screenshotPage(page: Page, path: string): Promise<void> {
  for (const dismiss of await page.getByRole('button', { name: /^Dismiss:/ }).all()) {
    await dismiss.click({ timeout: 2_000 }).catch(() => undefined);
  }
  await page
    .locator('[role="status"], [role="alert"]')
    .filter({ has: page.getByRole('button', { name: /^Dismiss:/ }) })
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
  const viewport = page.viewportSize() ?? VIEWPORT;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}
