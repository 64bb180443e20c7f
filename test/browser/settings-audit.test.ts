/**
 * Settings, candidates and the audit log in a real browser against the local site: the departing-person
 * field and offboarding groups picked from Jira (as the admin), saved ones that no longer exist kept and
 * marked; unsaved edits hold navigation back; a candidate dismissed with a reason, listed with it and
 * restored; an audit record opened by keyboard from the table, at its own URL, and clipped details
 * expanded. Screenshots, light and dark, go to docs/images/.
 */
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_KEYS, ADMIN_MODULE_KEY } from '../../src/contract/resolver-keys';
import type { SettingsView } from '../../src/contract/settings';
import type { Envelope } from '../../src/contract/envelope';
import { STORAGE_KEYS } from '../../src/infra/storage-keys';
import { clickInFrame } from '../support/browser.js';
import { IMAGES, useBrowserSuite } from '../support/browser-suite.js';
import {
  openAdmin,
  screenshotPage,
  unexpected,
  waitForFlag,
  type BrowserSite,
} from '../support/admin-page.js';

const THEMES = ['light', 'dark'] as const;

let site: BrowserSite;
let browser: Browser;

useBrowserSuite((s) => ({ site, browser } = s));
beforeEach(async () => {
  await site.reset();
});
vi.setConfig({ testTimeout: 180_000 });

/** A resolver call of the admin page as Site Admin (what the bridge would send). */
async function asAdmin<T>(functionKey: string, payload: unknown = {}): Promise<T> {
  const admin = site.site.userByEmail('admin@example.com');
  const result = (await site.runtime.invokeResolver({
    moduleKey: ADMIN_MODULE_KEY,
    functionKey,
    payload,
    accountId: admin?.accountId ?? '',
  })) as Envelope<T>;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

const shot = (page: Page, name: string, theme: 'light' | 'dark') =>
  screenshotPage(page, join(IMAGES, `${name}-${theme}.png`));

async function settingsForm(frame: Frame) {
  const form = frame.getByRole('form', { name: 'Settings' });
  await form.waitFor({ timeout: 60_000 });
  return form;
}

describe('settings: pickers from Jira', () => {
  it('offers only single-user-picker fields and the site’s groups; saves what was picked', async () => {
    for (const theme of THEMES) {
      await site.reset();
      const { page, frame, problems } = await openAdmin(browser, site, { path: '/settings', theme });
      await settingsForm(frame);
      const field = frame.getByRole('combobox', { name: 'Departing person field' });
      await frame.getByText('Departing person (customfield_10050)').waitFor({ timeout: 15_000 });
      await clickInFrame(frame, field);
      const options = frame.getByRole('option');
      await options.first().waitFor();
      // The site also has a multi-user picker, a group picker, a date and a number field: not offered.
      expect(await options.allInnerTexts()).toEqual(['Departing person (customfield_10050)']);
      await field.press('Escape');

      const groups = frame.getByRole('combobox', { name: 'Offboarding groups' });
      await clickInFrame(frame, groups);
      await groups.pressSequentially('jira', { delay: 20 });
      await frame.getByRole('option', { name: 'jira-administrators' }).waitFor({ timeout: 15_000 });
      expect(await frame.getByRole('option', { name: 'offboarding-team' }).count()).toBe(0);
      await shot(page, 'settings-group-picker', theme);
      // The screenshot stretched and restored the viewport: click where the option is now.
      await clickInFrame(frame, frame.getByRole('option', { name: 'jira-administrators' }));
      await frame.getByText('Unsaved changes').waitFor();
      await clickInFrame(frame, frame.getByRole('button', { name: 'Save settings' }));
      await waitForFlag(page, 'Settings saved');
      const saved = await asAdmin<SettingsView>(ADMIN_KEYS.settingsGet);
      expect(saved.settings.offboardingGroups).toEqual(['offboarding-team', 'jira-administrators']);
      expect(saved.settings.offboardingUserField).toBe('customfield_10050');
      expect(unexpected(problems)).toEqual([]);
      await page.close();
    }
  });

  it('shows a saved group or field that no longer exists, and keeps it when other settings are saved', async () => {
    for (const theme of THEMES) {
      await site.reset();
      const view = await asAdmin<SettingsView>(ADMIN_KEYS.settingsGet);
      // Saved while they existed, deleted in Jira since: settings/save refuses them now, so they are
      // written as stored (the local Jira cannot delete a group or a field).
      await site.runtime.runInInvocation({}, async () => {
        const { kvs } = await import('@forge/kvs');
        await kvs.set(STORAGE_KEYS.settings, {
          version: view.version + 1,
          settings: {
            ...view.settings,
            offboardingGroups: ['offboarding-team', 'people-ops-leavers'],
            offboardingUserField: 'customfield_10099',
          },
        });
      });
      const { page, frame, problems } = await openAdmin(browser, site, { path: '/settings', theme });
      await settingsForm(frame);
      await frame.getByText('A saved group no longer exists in Jira').waitFor({ timeout: 15_000 });
      await frame.getByText('people-ops-leavers (missing)').waitFor();
      await frame.getByText('The saved field is not on this site any more').waitFor();
      await frame.getByText('customfield_10099 (no longer a user-picker field)').waitFor();
      await frame.getByRole('heading', { name: 'Registry' }).scrollIntoViewIfNeeded();
      await shot(page, 'settings-missing-group-field', theme);

      await frame.getByRole('spinbutton', { name: 'Default review cadence (days)' }).fill('120');
      await clickInFrame(frame, frame.getByRole('button', { name: 'Save settings' }));
      await waitForFlag(page, 'Settings saved');
      const saved = await asAdmin<SettingsView>(ADMIN_KEYS.settingsGet);
      expect(saved.settings).toMatchObject({
        defaultReviewCadenceDays: 120,
        offboardingGroups: ['offboarding-team', 'people-ops-leavers'],
        offboardingUserField: 'customfield_10099',
      });
      expect(unexpected(problems)).toEqual([]);
      await page.close();
    }
  });
});

describe('settings: unsaved edits', () => {
  it('asks before an in-app navigation and before leaving the page', async () => {
    const { page, frame, problems } = await openAdmin(browser, site, { path: '/audit' });
    await clickInFrame(frame, frame.getByRole('tab', { name: 'Settings' }));
    await settingsForm(frame);
    const cadence = frame.getByRole('spinbutton', { name: 'Default review cadence (days)' });
    await cadence.fill('200');

    // The browser's Back button: the page stays (its URL too) and the modal asks.
    await page.goBack();
    await frame.getByRole('dialog', { name: 'Leave without saving?' }).waitFor();
    await expect.poll(() => new URL(page.url()).pathname.endsWith('/settings')).toBe(true);
    await frame.getByRole('button', { name: 'Stay and keep editing' }).click();
    await frame.getByRole('dialog', { name: 'Leave without saving?' }).waitFor({ state: 'detached' });
    expect(await cadence.inputValue()).toBe('200');

    // A tab: held back, the modal asks; "Stay" keeps the edit.
    await clickInFrame(frame, frame.getByRole('tab', { name: 'Audit log' }));
    const dialog = frame.getByRole('dialog', { name: 'Leave without saving?' });
    await dialog.waitFor();
    await expect
      .poll(() => frame.evaluate(() => document.activeElement?.textContent))
      .toBe('Stay and keep editing');
    await shot(page, 'settings-unsaved-changes', 'light');
    await dialog.getByRole('button', { name: 'Stay and keep editing' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await cadence.inputValue()).toBe('200');
    expect(await frame.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe('true');

    // Leaving the page (the Jira sidebar, a reload): the browser's own prompt.
    const prompt = new Promise<string>((resolve) => {
      page.once('dialog', (d) => {
        resolve(d.type());
        void d.dismiss();
      });
    });
    await page.evaluate(() => {
      window.location.href = '/';
    });
    expect(await prompt).toBe('beforeunload');

    // The header's button: held back too; leaving drops the edit.
    await clickInFrame(frame, frame.getByRole('button', { name: 'Tag account', exact: true }));
    await frame
      .getByRole('dialog', { name: 'Leave without saving?' })
      .getByRole('button', { name: 'Leave without saving' })
      .click();
    await frame.getByRole('form', { name: 'Tag account' }).waitFor();
    const view = await asAdmin<SettingsView>(ADMIN_KEYS.settingsGet);
    expect(view.settings.defaultReviewCadenceDays).toBe(90);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });
});

describe('candidates: dismissed ones', () => {
  it('lists a dismissed candidate with who and why, and restores it', async () => {
    for (const theme of THEMES) {
      await site.reset();
      const bot = site.site.userByEmail('release-bot@example.com')?.accountId ?? '';
      const { page, frame, problems } = await openAdmin(browser, site, { path: '/candidates', theme });
      await frame.getByTestId('candidates-table--table').waitFor({ timeout: 30_000 });
      // Dismissing asks why, in a small confirmation with a counted, required reason.
      await clickInFrame(frame, frame.getByRole('button', { name: 'Dismiss Release Bot' }));
      const dialog = frame.getByRole('dialog', { name: 'Dismiss Release Bot' });
      await dialog.waitFor();
      await dialog
        .getByRole('textbox', { name: 'Why is it not an integration account?' })
        .fill('Belongs to the old release process.');
      await shot(page, 'candidates-dismiss-reason', theme);
      await clickInFrame(frame, dialog.getByRole('button', { name: 'Dismiss', exact: true }));
      await waitForFlag(page, 'Candidate dismissed');
      await dialog.waitFor({ state: 'detached' });
      expect(await frame.getByRole('button', { name: 'Tag Release Bot' }).count()).toBe(0);
      await clickInFrame(frame, frame.getByRole('tab', { name: 'Dismissed' }));
      const row = frame.getByTestId(`dismissed-row-${bot}`);
      await row.waitFor({ timeout: 30_000 });
      expect(await row.innerText()).toMatch(
        /Release Bot[\s\S]*by Site Admin[\s\S]*Belongs to the old release process\./,
      );
      await shot(page, 'candidates-dismissed', theme);
      await clickInFrame(frame, row.getByRole('button', { name: 'Restore Release Bot' }));
      await waitForFlag(page, 'Candidate restored');
      await frame.getByText('No dismissed candidates').waitFor();
      await clickInFrame(frame, frame.getByRole('tab', { name: 'Suggested' }));
      await frame.getByRole('button', { name: 'Tag Release Bot' }).waitFor({ timeout: 30_000 });
      expect(unexpected(problems)).toEqual([]);
      await page.close();
    }
  });
});

describe('audit log: record detail', () => {
  it('opens a record by keyboard from the table, at its own URL; clipped details expand', async () => {
    for (const theme of THEMES) {
      await site.reset();
      const bot = site.site.userByEmail('release-bot@example.com')?.accountId ?? '';
      const reason =
        'Release Bot belonged to the release process we retired in the spring. Its token was revoked, the ' +
        'pipeline that used it was deleted, and nobody has asked for it since. If it shows up again, ask ' +
        'the platform team before tagging it: they keep the list of bots that still matter.';
      await asAdmin(ADMIN_KEYS.candidatesDismiss, { accountId: bot, reason });
      const { page, frame, problems } = await openAdmin(browser, site, { path: '/audit', theme });
      const table = frame.getByTestId('audit-table--table');
      await table.waitFor({ timeout: 30_000 });
      const first = table.locator('tbody tr').first();
      expect(await first.innerText()).toContain('Candidate dismissed');

      // Clipped details: "Show more" expands them, announced as expanded.
      const more = first.getByRole('button', { name: /Show more of the details of record/ });
      await more.waitFor();
      expect(await first.getByText(reason).evaluate((el) => el.scrollHeight > el.clientHeight + 1)).toBe(
        true,
      );
      await clickInFrame(frame, more);
      const less = first.getByRole('button', { name: /Show less of the details of record/ });
      expect(await less.getAttribute('aria-expanded')).toBe('true');
      expect(await first.getByText(reason).evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(
        true,
      );
      await shot(page, 'audit-details-expanded', theme);

      // Keyboard: focus the record's # link and press Enter.
      const link = first.getByRole('link', { name: /open record \d+, Candidate dismissed/ });
      await link.focus();
      await page.keyboard.press('Enter');
      const heading = frame.getByRole('heading', { name: /Audit record #\d+/ });
      await heading.waitFor({ timeout: 30_000 });
      const seq = Number(/#(\d+)/.exec(await heading.innerText())?.[1]);
      await expect.poll(() => new URL(page.url()).pathname.endsWith(`/audit/${String(seq)}`)).toBe(true);
      await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
      const fields = await frame.locator('dl').innerText();
      for (const text of [
        'When',
        'Candidate dismissed (candidate.dismiss)',
        'Site Admin',
        'candidates/dismiss',
        reason,
        'Hash',
      ])
        expect(fields).toContain(text);
      // Its time in the viewer's format only, not the stored instant beside it.
      expect(fields).not.toMatch(/\(\d{4}-\d{2}-\d{2}T[\d:.]+Z\)/);
      await shot(page, 'audit-record-detail', theme);

      // The URL alone opens it (a shared link), and the browser's back button returns to the log.
      await page.reload();
      const again = (await page.waitForSelector('iframe[data-forge-frame]')).contentFrame();
      const frame2 = await again;
      if (!frame2) throw new Error('no app frame');
      await frame2
        .getByRole('heading', { name: `Audit record #${String(seq)}` })
        .waitFor({ timeout: 30_000 });
      await page.goBack();
      await expect.poll(() => new URL(page.url()).pathname.endsWith('/audit')).toBe(true);
      expect(unexpected(problems)).toEqual([]);
      await page.close();
    }
  });
});
