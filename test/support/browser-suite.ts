/**
 * What every browser test file sets up the same way: the local site and Chromium (started before its
 * tests, closed after), the screenshot folder, the local platform's control API, an admin resolver call,
 * and the issue view with its offboarding panel.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { BrowserSite } from './admin-page.js';
import {
  collectProblems,
  ensureStaticBuild,
  launchBrowser,
  ROOT_DIR,
  startSiteForBrowser,
} from './browser.js';

/** Where the journeys write their screenshots. */
export const IMAGES = join(ROOT_DIR, 'docs', 'images');

export interface BrowserSuite {
  site: BrowserSite;
  browser: Browser;
}

/**
 * Starts the site and the browser before the file's tests (building `build`'s surfaces first when
 * named) and closes them after. `started` hands them over, e.g. `(s) => ({ site, browser } = s)`.
 */
export function useBrowserSuite(started: (suite: BrowserSuite) => void, opts: { build?: string[] } = {}) {
  let suite: Partial<BrowserSuite> = {};
  beforeAll(async () => {
    mkdirSync(IMAGES, { recursive: true });
    if (opts.build) await ensureStaticBuild(opts.build);
    const site = await startSiteForBrowser();
    suite = { site, browser: await launchBrowser() };
    started(suite as BrowserSuite);
  }, 300_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.site?.close();
  });
}

/** POSTs to the local platform's control API (`/__local<path>`) and answers its JSON. */
export async function localControl<T>(site: { url: string }, path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${site.url}/__local${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}

/** An admin page resolver call as Site Admin through `/__local/invoke`; throws on a refusal. */
export async function invokeAsAdmin<T>(
  site: { url: string },
  functionKey: string,
  payload: unknown,
): Promise<T> {
  const r = await localControl<{ ok: boolean; data: T; error?: unknown }>(site, '/invoke', {
    moduleKey: 'integration-accounts-admin',
    functionKey,
    payload,
    as: 'admin@example.com',
  });
  if (!r.ok) throw new Error(`${functionKey}: ${JSON.stringify(r.error)}`);
  return r.data;
}

export const PANEL_FRAME = 'iframe[data-forge-frame="offboarding-check-panel-frame"]';

/** A work item's issue view as `as`, with the offboarding panel's frame. */
export async function openIssuePanel(
  browser: Browser,
  site: { url: string },
  as: string,
  opts: { key?: string; theme?: 'light' | 'dark' } = {},
): Promise<{ page: Page; panel: Frame; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = collectProblems(page);
  const theme = opts.theme ? `&theme=${opts.theme}` : '';
  await page.goto(`${site.url}/browse/${opts.key ?? 'OFF-1'}?as=${encodeURIComponent(as)}${theme}`);
  const handle = await page.waitForSelector(PANEL_FRAME, { state: 'attached' });
  const panel = await handle.contentFrame();
  if (!panel) throw new Error('the issue panel has no frame');
  return { page, panel, problems };
}
