/**
 * Issue 11 in a real browser: Oscar moves OFF-1 to Done in the issue view and is refused while
 * Olivia's verdict is block (the validator's message in the page), acknowledges the warning with a
 * reason in the panel, and then moves it; an admin sets up the org audit-log webhook in settings,
 * and a deactivation delivered through it shows on the "last delivery" line. Light and dark screenshots.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { IMAGES, openIssuePanel, PANEL_FRAME, useBrowserSuite } from '../support/browser-suite.js';
import {
  type BrowserSite,
  openAdmin,
  screenshotPage,
  unexpected,
  waitForFlag,
} from '../support/admin-page.js';

let site: BrowserSite;
let browser: Browser;

const openIssue = (as: string, theme: 'light' | 'dark' = 'light') =>
  openIssuePanel(browser, site, as, { theme });

const moveTo = async (page: Page, status: string) => {
  await page
    .getByRole('group', { name: 'Move to' })
    .getByRole('button', { name: status, exact: true })
    .click();
  await page.waitForLoadState('load');
};

useBrowserSuite((s) => ({ site, browser } = s), { build: ['admin', 'issue-panel', 'background'] });

describe('enforcement', { timeout: 90_000 }, () => {
  it('issue view: Done is refused with the validator message, then passes after an acknowledgement with a reason', async () => {
    const { page, panel, problems } = await openIssue('oscar@example.com');
    await panel.getByTestId('offboarding-verdict').waitFor({ timeout: 30_000 });
    await moveTo(page, 'Done');
    const refusal = page.getByTestId('transition-refusal');
    await refusal.waitFor();
    expect(await refusal.getAttribute('role')).toBe('alert');
    expect(await refusal.innerText()).toMatch(
      /OFF-1 can't move to Done[\s\S]*Jenkins CI[\s\S]*with a reason/,
    );
    expect(await page.getByTestId('issue-status').textContent()).toBe('To Do');
    await page.locator(PANEL_FRAME).waitFor();
    await (
      await page.waitForSelector(PANEL_FRAME)
    )
      .contentFrame()
      .then((f) => f?.getByTestId('offboarding-verdict').waitFor({ timeout: 30_000 }));
    await screenshotPage(page, join(IMAGES, 'transition-refused.png'));

    const dark = await openIssue('oscar@example.com', 'dark');
    await dark.panel.getByTestId('offboarding-verdict').waitFor({ timeout: 30_000 });
    await moveTo(dark.page, 'Done');
    await dark.page.getByTestId('transition-refusal').waitFor();
    await (
      await dark.page.waitForSelector(PANEL_FRAME)
    )
      .contentFrame()
      .then((f) => f?.getByTestId('offboarding-verdict').waitFor({ timeout: 30_000 }));
    await screenshotPage(dark.page, join(IMAGES, 'transition-refused-dark.png'));
    await dark.page.close();

    // The acknowledgement, with a reason, in the panel of this work item.
    const again = await openIssue('oscar@example.com');
    await again.panel.getByTestId('offboarding-verdict').waitFor({ timeout: 30_000 });
    await again.panel
      .getByRole('button', { name: /acknowledge/i })
      .first()
      .click();
    await again.panel
      .getByRole('textbox', { name: /Reason/ })
      .fill('Jenkins is switched off on Friday; CI already runs on GitHub Actions.');
    await again.panel.getByRole('button', { name: 'Record acknowledgement' }).click();
    await waitForFlag(again.page, 'Acknowledgement recorded');
    await moveTo(again.page, 'Done');
    await again.page.getByTestId('transition-outcome').waitFor();
    expect(await again.page.getByTestId('issue-status').textContent()).toBe('Done');
    expect(unexpected([...problems, ...again.problems])).toEqual([]);
    await page.close();
    await again.page.close();
  });

  it('settings: generate the secret, copy URL and Authorization; a deactivation shows as the last delivery', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await site.reset();
      const { page, frame, problems } = await openAdmin(browser, site, { path: '/settings', theme });
      const section = frame.getByTestId('org-audit-webhook');
      await section.waitFor({ timeout: 30_000 });
      await frame.getByText('Last delivery: none yet.').waitFor();
      await section.getByRole('button', { name: 'Generate secret' }).click();
      await frame.getByRole('dialog').getByRole('button', { name: 'Generate secret' }).click();
      await waitForFlag(page, 'Secret generated');
      const authorization = await frame.getByRole('textbox', { name: 'Authorization value' }).inputValue();
      const url = await frame.getByRole('textbox', { name: 'Webhook URL' }).inputValue();
      expect(authorization).toMatch(/^Bearer [A-Za-z0-9_-]{43}$/);
      expect(url).toBe(`${site.url}/x/org-audit-log-webhook`);
      if (theme === 'light') {
        await frame.getByText('Copy the Authorization value now').scrollIntoViewIfNeeded();
        await screenshotPage(page, join(IMAGES, 'settings-audit-webhook-secret.png'));
      }

      // Atlassian Administration: register the webhook, then deactivate Olivia.
      const base = site.url.replace('localhost', '127.0.0.1');
      const reg = await fetch(`${base}/__local/org/audit-log-webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url, authorization }),
      });
      expect(reg.status).toBe(201);
      const olivia = site.site.userByEmail('olivia@example.com')?.accountId ?? '';
      await fetch(`${base}/__local/users/${olivia}/deactivate`, { method: 'POST' });
      await site.orgAudit.settled();
      await page.reload();
      const frame2 = await (await page.waitForSelector('iframe')).contentFrame();
      if (!frame2) throw new Error('no app frame');
      await frame2.getByTestId('org-audit-last-delivery').waitFor({ timeout: 30_000 });
      await expect
        .poll(() => frame2.getByTestId('org-audit-last-delivery').innerText(), { timeout: 15_000 })
        .toMatch(/1 deactivation or reactivation event, 1 person re-checked, \d+ findings? opened/);
      await frame2.getByRole('heading', { name: 'Organization audit-log webhook' }).scrollIntoViewIfNeeded();
      await screenshotPage(
        page,
        join(IMAGES, theme === 'light' ? 'settings-audit-webhook.png' : 'settings-audit-webhook-dark.png'),
      );
      expect(unexpected(problems)).toEqual([]);
      await page.close();
    }
  });
});
