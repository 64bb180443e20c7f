/**
 * The owner surfaces in a real browser against the real local site: the background script's flag on
 * a Jira page (at most once a day), "My integration accounts" (attest, naming a backup owner, hand-over
 * proposal, acceptance and decline) and its empty state. Screenshots in light and dark: docs/images/owner-*.
 *
 * Time moves on 100 days after the seed (the site runs in this process, so faking `Date` here moves
 * the app's clock): Jenkins CI's 90-day review is overdue and GitHub Sync's credential has expired, so
 * the sweep raises findings and notices for Olivia.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_ACCOUNT_IDS } from '../../local/jira/seed.js';
import { LOCAL_IDS } from '../../local/runtime/runtime.js';
import {
  appFrame,
  collectProblems,
  ensureStaticBuild,
  launchBrowser,
  ROOT_DIR,
  startSiteForBrowser,
} from '../support/browser.js';
import { pickUser, screenshotPage, unexpected, waitForFlag } from '../support/admin-page.js';
import type { Envelope } from '../../src/contract/envelope';
import type { MyAccounts } from '../../src/contract/owner';
import { OWNER_KEYS, OWNER_PAGE_MODULE_KEY } from '../../src/contract/resolver-keys';
import { formatDate } from '../../static/shared/dates';

type Site = Awaited<ReturnType<typeof startSiteForBrowser>>;

const IMAGES = join(ROOT_DIR, 'docs', 'images');
const VIEWPORT = { width: 1280, height: 900 };
const DAY_MS = 86_400_000;
const FLAG_ACTION = 'Open My integration accounts';

let site: Site;
let browser: Browser;

function globalPagePath(): string {
  return `/jira/apps/${site.manifest.appId}/${LOCAL_IDS.environmentId}`;
}

async function openMyAccounts(
  as: string,
  theme: 'light' | 'dark' = 'light',
): Promise<{ page: Page; frame: Frame; problems: string[] }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const problems = collectProblems(page);
  await page.goto(`${site.url}${globalPagePath()}?as=${encodeURIComponent(as)}&theme=${theme}`);
  const frame = await appFrame(page);
  await frame.getByRole('heading', { name: 'My integration accounts', level: 1 }).waitFor();
  return { page, frame, problems };
}

/** A resolver call as `as`, through the local site's invoke endpoint (what the bridge's `invoke` posts). */
async function invokeAs<T>(as: string, functionKey: string, payload: unknown): Promise<T> {
  const response = await fetch(`${site.url}/__local/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      moduleKey: OWNER_PAGE_MODULE_KEY,
      functionKey,
      payload,
      extension: { type: 'jira:globalPage' },
      as,
    }),
  });
  const envelope = (await response.json()) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${functionKey}: ${JSON.stringify(envelope.error)}`);
  return envelope.data;
}

function accountCard(frame: Frame, accountId: string): Locator {
  return frame.getByTestId(`my-account-${accountId}`);
}

/** Resolves once the page's background script has asked for the notices. */
function noticesAsked(page: Page): Promise<unknown> {
  return page.waitForResponse(
    (r) => r.url().endsWith('/__local/invoke') && (r.request().postData() ?? '').includes('owner/notices'),
    { timeout: 30_000 },
  );
}

beforeAll(async () => {
  mkdirSync(IMAGES, { recursive: true });
  await ensureStaticBuild(['admin', 'global', 'background']);
  site = await startSiteForBrowser();
  browser = await launchBrowser();
  // 100 days on: the app's clock (this process) moves, the browser's does not matter.
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(new Date(Date.now() + 100 * DAY_MS));
  const sweep = await fetch(`${site.url}/__local/scheduled/integration-accounts-sweep`, { method: 'POST' });
  expect(((await sweep.json()) as { ok: boolean }).ok).toBe(true);
}, 300_000);

afterAll(async () => {
  vi.useRealTimers();
  await browser?.close();
  await site?.close();
});

describe('owner surfaces', { timeout: 90_000 }, () => {
  it('Olivia sees the flag on a Jira page, opens My integration accounts and confirms Jenkins CI', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const problems = collectProblems(page);
    const asked = noticesAsked(page);
    await page.goto(`${site.url}/?as=olivia@example.com`);
    await asked;

    // The background script's flag, in the shell, with its action.
    const flag = page.locator('.flag').filter({ hasText: /integration accounts? needs? you/ });
    await flag.waitFor({ timeout: 15_000 });
    expect(await flag.getByRole('button', { name: FLAG_ACTION }).count()).toBe(1);
    // Its date in her locale (en-GB, "28 Feb 2027"), never the server's ISO.
    expect(await flag.innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // The flag slides in: the screenshot waits for it to settle.
    await flag.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
    await page.screenshot({ path: join(IMAGES, 'owner-flag.png') });

    // The action navigates (router.navigate) to the global page.
    await flag.getByRole('button', { name: FLAG_ACTION }).click();
    await page.waitForURL((url) => url.pathname === globalPagePath());
    const frame = await appFrame(page);
    await frame.getByRole('heading', { name: 'My integration accounts', level: 1 }).waitFor();

    const jenkins = accountCard(frame, DEMO_ACCOUNT_IDS.jenkinsCi);
    await jenkins.waitFor({ timeout: 15_000 });
    expect(await jenkins.getByText('You own it').count()).toBe(1);
    expect(await jenkins.locator('[data-pending-kind="attest"]').count()).toBe(1);
    expect(await jenkins.getByText('Review overdue').count()).toBe(1);
    const github = accountCard(frame, DEMO_ACCOUNT_IDS.githubSync);
    expect(await github.locator('[data-pending-kind="rotate-credential"]').count()).toBe(1);
    // "Needs you" writes its dates in her Jira locale (en-GB: "30 Mar 2027"), never as ISO.
    const asks = frame.getByTestId('pending-actions');
    for (const text of await asks.allInnerTexts()) expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await jenkins.locator('[data-pending-kind="rotate-credential"]').innerText()).toMatch(
      /the credential expires on \d{1,2} [A-Z][a-z]{2} \d{4}\. Rotate it/,
    );
    expect(
      await frame
        .getByText(/things? needs? you/)
        .first()
        .isVisible(),
    ).toBe(true);
    await screenshotPage(page, join(IMAGES, 'owner-my-accounts.png'));

    // Confirm: still needed, purpose right. The pending review resolves.
    await jenkins.getByRole('button', { name: 'Confirm still needed for Jenkins CI' }).click();
    expect(await jenkins.getByRole('checkbox', { name: 'It is still needed' }).isChecked()).toBe(true);
    await jenkins.getByRole('button', { name: 'Confirm', exact: true }).click();
    await waitForFlag(page, 'Review recorded');
    await expect
      .poll(() => jenkins.locator('[data-pending-kind="attest"]').count(), { timeout: 15_000 })
      .toBe(0);
    await expect.poll(() => jenkins.getByText('Review overdue').count()).toBe(0);
    // What is still pending stays (no backup owner, the Jenkins credential).
    expect(await jenkins.locator('[data-pending-kind="add-backup-owner"]').count()).toBe(1);

    // The flag is once a day: the next Jira page shows none.
    const again = noticesAsked(page);
    await page.goto(`${site.url}/?as=olivia@example.com`);
    await again;
    await page.waitForTimeout(500);
    expect(await page.locator('.flag').filter({ hasText: /need/ }).count()).toBe(0);

    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('Olivia records the rotation of the expired GitHub Sync credential; the pending rotation resolves', async () => {
    const { page, frame, problems } = await openMyAccounts('olivia@example.com');
    const github = accountCard(frame, DEMO_ACCOUNT_IDS.githubSync);
    await github.waitFor({ timeout: 15_000 });
    expect(await github.locator('[data-pending-kind="rotate-credential"]').count()).toBe(1);
    await github.getByRole('button', { name: 'Record rotation for GitHub Sync' }).click();
    // The integration that needs it is preselected; dates only, never the credential.
    await github.getByText('GitHub Actions (prod) · github-sync-oauth · OAuth client').waitFor();
    // "Rotated on" defaults to the browser's today (the app's clock is 100 days ahead: a past day for it).
    expect(await github.getByLabel('Rotated on').inputValue()).toMatch(/^\d{2}[/.]\d{2}[/.]\d{4}$/);
    const expiresOn = new Date(Date.now() + 365 * DAY_MS).toISOString().slice(0, 10);
    await github.getByLabel('New credential expires on').fill(expiresOn);
    await github.getByRole('button', { name: 'Record rotation', exact: true }).click();
    await waitForFlag(page, 'Rotation recorded');
    await expect
      .poll(() => github.locator('[data-pending-kind="rotate-credential"]').count(), { timeout: 15_000 })
      .toBe(0);
    expect(await github.getByText('Credential expired').count()).toBe(0);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('Olivia names Amara the backup owner of Jenkins CI; the picker offers neither her nor the account', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const { page, frame, problems } = await openMyAccounts('olivia@example.com', theme);
      const jenkins = accountCard(frame, DEMO_ACCOUNT_IDS.jenkinsCi);
      await jenkins.waitFor({ timeout: 15_000 });
      expect(await jenkins.locator('[data-pending-kind="add-backup-owner"]').count()).toBe(1);
      // The button's accessible name starts with its visible words (WCAG 2.5.3).
      const open = jenkins.getByRole('button', { name: 'Name backup owner for Jenkins CI' });
      expect(await open.innerText()).toBe('Name backup owner');
      await open.click();
      const picker = jenkins.getByRole('combobox', { name: 'Backup owner', exact: true });
      await picker.waitFor();
      // The owner herself is not offered (nor the account): no option for "Olivia".
      await picker.pressSequentially('Olivia', { delay: 20 });
      await jenkins.getByText('No active people match “Olivia”').waitFor({ timeout: 15_000 });
      expect(await frame.getByRole('option', { name: /Olivia Owner/ }).count()).toBe(0);
      await picker.fill('');
      // Integration accounts the registry holds are not offered either (GitHub Sync is one).
      await picker.pressSequentially('GitHub', { delay: 20 });
      await jenkins.getByText('No active people match “GitHub”').waitFor({ timeout: 15_000 });
      await picker.fill('');
      await pickUser(frame, 'Backup owner', 'Amara', /Amara Okafor/);
      await screenshotPage(page, join(IMAGES, `owner-name-backup-${theme}.png`));
      if (theme === 'dark') {
        await jenkins.getByRole('button', { name: 'Cancel' }).click();
        expect(unexpected(problems)).toEqual([]);
        await page.close();
        continue;
      }
      await jenkins.getByRole('button', { name: 'Name backup owner', exact: true }).click();
      await waitForFlag(page, 'Backup owner named');
      await expect
        .poll(() => jenkins.locator('[data-pending-kind="add-backup-owner"]').count(), { timeout: 15_000 })
        .toBe(0);
      await jenkins.getByText('Amara Okafor').first().waitFor();
      // Named: the button now replaces.
      await jenkins.getByRole('button', { name: 'Replace backup owner for Jenkins CI' }).waitFor();
      expect(unexpected(problems)).toEqual([]);
      await page.close();
    }
    // Amara sees the account as its backup owner.
    const amara = await openMyAccounts('amara.okafor@example.com');
    const theirs = accountCard(amara.frame, DEMO_ACCOUNT_IDS.jenkinsCi);
    await theirs.waitFor({ timeout: 15_000 });
    expect(await theirs.getByText('You are the backup owner').count()).toBe(1);
    // …and the news that she was named, on her page (the flag tells it too).
    const news = amara.frame.getByTestId('owner-news');
    expect(await news.innerText()).toContain('Olivia Owner named you the backup owner of Jenkins CI');
    // The shell's flag (the background script runs on every Jira page, this one too) tells it as news,
    // not as something that needs her.
    const flag = amara.page.locator('.flag').filter({ hasText: 'News about your integration accounts' });
    await flag.waitFor({ timeout: 15_000 });
    expect(await flag.innerText()).toContain('named you the backup owner of Jenkins CI');
    // A backup owner does not name the backup: no such button for her.
    expect(await theirs.getByRole('button', { name: /backup owner for/ }).count()).toBe(0);
    expect(unexpected(amara.problems)).toEqual([]);
    await amara.page.close();
  });

  it('Olivia proposes Ben as the owner of Jenkins CI; Ben accepts on his page', async () => {
    const olivia = await openMyAccounts('olivia@example.com');
    const jenkins = accountCard(olivia.frame, DEMO_ACCOUNT_IDS.jenkinsCi);
    await jenkins.waitFor({ timeout: 15_000 });
    await jenkins.getByRole('button', { name: 'Propose new owner for Jenkins CI' }).click();
    await pickUser(olivia.frame, 'New owner', 'Ben', /Ben Backup/);
    await jenkins.getByRole('textbox', { name: 'Message' }).fill('You run the build farm now.');
    await jenkins.getByRole('button', { name: 'Propose', exact: true }).click();
    await waitForFlag(olivia.page, 'Hand-over proposed');
    await jenkins.getByText(/Hand-over to Ben Backup proposed/).waitFor({ timeout: 15_000 });
    // Her proposal is still shown after a reload (the server's answer carries it), with no second one offered.
    await olivia.page.reload();
    const reloaded = accountCard(await appFrame(olivia.page), DEMO_ACCOUNT_IDS.jenkinsCi);
    await reloaded
      .getByText(/^Hand-over to Ben Backup proposed on \d{1,2} [A-Z][a-z]{2} \d{4}, waiting for them/)
      .waitFor({ timeout: 15_000 });
    expect(await reloaded.getByRole('button', { name: 'Propose new owner for Jenkins CI' }).count()).toBe(0);
    await screenshotPage(olivia.page, join(IMAGES, 'owner-proposal-pending-light.png'));
    expect(unexpected(olivia.problems)).toEqual([]);
    await olivia.page.close();

    const ben = await openMyAccounts('ben@example.com');
    const proposal = ben.frame.getByTestId(`proposal-${DEMO_ACCOUNT_IDS.jenkinsCi}`);
    await proposal.waitFor({ timeout: 15_000 });
    expect(await proposal.innerText()).toContain('Olivia Owner proposes you as the owner of Jenkins CI');
    await proposal.getByRole('button', { name: 'Accept ownership of Jenkins CI' }).click();
    await waitForFlag(ben.page, 'You own it now');
    const mine = accountCard(ben.frame, DEMO_ACCOUNT_IDS.jenkinsCi);
    await mine.waitFor({ timeout: 15_000 });
    expect(await mine.getByText('You own it').count()).toBe(1);
    await expect.poll(() => proposal.count()).toBe(0);
    expect(unexpected(ben.problems)).toEqual([]);
    await ben.page.close();
  });

  it('Liam reads what he is asked to take over (purpose, integrations, message) and declines it', async () => {
    const olivia = await openMyAccounts('olivia@example.com');
    const github = accountCard(olivia.frame, DEMO_ACCOUNT_IDS.githubSync);
    await github.waitFor({ timeout: 15_000 });
    await github.getByRole('button', { name: 'Propose new owner for GitHub Sync' }).click();
    await pickUser(olivia.frame, 'New owner', 'Liam', /Liam Murphy/);
    await github.getByRole('textbox', { name: 'Message' }).fill('You run the GitHub org since the re-org.');
    await github.getByRole('button', { name: 'Propose', exact: true }).click();
    await waitForFlag(olivia.page, 'Hand-over proposed');
    await olivia.page.close();

    for (const theme of ['dark', 'light'] as const) {
      const liam = await openMyAccounts('liam.murphy@example.com', theme);
      const card = liam.frame.getByTestId(`proposal-${DEMO_ACCOUNT_IDS.githubSync}`);
      await card.waitFor({ timeout: 15_000 });
      const text = await card.innerText();
      expect(text).toContain('Olivia Owner proposes you as the owner of GitHub Sync');
      expect(text).toContain('Olivia Owner writes: “You run the GitHub org since the re-org.”');
      expect(text).toContain('What it is for');
      expect(text).toContain('GitHub Actions (prod)');
      expect(text).toContain('Owner now: Olivia Owner. Backup owner: Ben Backup.');
      const decline = card.getByRole('button', { name: 'Decline the hand-over of GitHub Sync' });
      expect(await decline.innerText()).toBe('Decline');
      await decline.click();
      await card.getByRole('textbox', { name: 'Why not?' }).fill('I am moving to the data team next month.');
      await screenshotPage(liam.page, join(IMAGES, `owner-decline-${theme}.png`));
      if (theme === 'dark') {
        await card.getByRole('button', { name: 'Cancel' }).click();
        await card.getByRole('button', { name: 'Accept ownership of GitHub Sync' }).waitFor();
        expect(unexpected(liam.problems)).toEqual([]);
        await liam.page.close();
        continue;
      }
      await card.getByRole('button', { name: 'Decline hand-over', exact: true }).click();
      await waitForFlag(liam.page, 'Hand-over declined');
      await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(0);
      await liam.frame
        .getByText('You don’t answer for any integration accounts')
        .waitFor({ timeout: 15_000 });
      expect(unexpected(liam.problems)).toEqual([]);
      await liam.page.close();
    }
    // Olivia is told, with Liam's reason.
    const told = await openMyAccounts('olivia@example.com');
    const news = told.frame.getByTestId('owner-news');
    await news.waitFor({ timeout: 15_000 });
    expect(await news.innerText()).toContain(
      'Liam Murphy declined to take over GitHub Sync: “I am moving to the data team next month.”',
    );
    await screenshotPage(told.page, join(IMAGES, 'owner-news-light.png'));
    expect(unexpected(told.problems)).toEqual([]);
    await told.page.close();
  });

  it('the site admin (en-AU, Australia/Sydney) reads the flag’s date the Australian way', async () => {
    // The admin owns Reporting Service: a rotation whose new credential expires in 10 days, then a sweep,
    // make a CREDENTIAL_EXPIRING notice, the newest, so the flag tells it first.
    const me = await invokeAs<MyAccounts>('admin@example.com', OWNER_KEYS.myAccounts, {});
    const reporting = me.accounts.find((a) => a.accountId === DEMO_ACCOUNT_IDS.reportingService)!;
    const today = new Date().toISOString().slice(0, 10);
    const expiresOn = new Date(Date.now() + 10 * DAY_MS).toISOString().slice(0, 10);
    await invokeAs('admin@example.com', OWNER_KEYS.recordRotation, {
      accountId: reporting.accountId,
      version: reporting.version,
      integrationIndex: 0,
      rotatedOn: today,
      newExpiresOn: expiresOn,
    });
    const sweep = await fetch(`${site.url}/__local/scheduled/integration-accounts-sweep`, { method: 'POST' });
    expect(((await sweep.json()) as { ok: boolean }).ok).toBe(true);

    const page = await browser.newPage({ viewport: VIEWPORT });
    const problems = collectProblems(page);
    // The shell's bridge script arriving late (a loaded machine) still hears the frames' first calls:
    // a deferred one did not, and the background script's context and notices calls never settled.
    await page.route('**/__local/bridge/host.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    const asked = noticesAsked(page);
    await page.goto(`${site.url}/?as=admin@example.com`);
    await asked;
    const flag = page.locator('.flag').filter({ hasText: 'A credential of Reporting Service expires on' });
    await flag.waitFor({ timeout: 15_000 });
    // en-AU writes "20 Mar 2027"; the defaults (en-US, UTC) would write "Mar 20, 2027", the server "2027-03-20".
    const sydney = formatDate(expiresOn, { locale: 'en-AU', timeZone: 'Australia/Sydney' });
    expect(sydney).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(await flag.innerText()).toContain(
      `A credential of Reporting Service expires on ${sydney}: rotate it.`,
    );
    expect(await flag.innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('Nora, who answers for nothing, gets the empty state', async () => {
    const { page, frame, problems } = await openMyAccounts('nora@example.com');
    await frame.getByText('You don’t answer for any integration accounts').waitFor({ timeout: 15_000 });
    expect(await frame.getByTestId(/^my-account-/).count()).toBe(0);
    // Heading order: the empty state's heading comes right under the page's h1.
    expect(
      await frame
        .getByRole('heading', { name: 'You don’t answer for any integration accounts', level: 2 })
        .count(),
    ).toBe(1);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('the home page links to the issue view of OFF-1 and to My integration accounts', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(`${site.url}/?as=nora@example.com`);
    expect(await page.getByRole('link', { name: /OFF-1/ }).getAttribute('href')).toBe('/browse/OFF-1');
    expect(await page.getByRole('link', { name: /My integration accounts/ }).getAttribute('href')).toBe(
      globalPagePath(),
    );
    // Every shell page runs the background script, hidden.
    const background = page.locator('iframe[data-forge-frame="integration-accounts-notices-background"]');
    expect(await background.count()).toBe(1);
    expect(await background.isVisible()).toBe(false);
    await page.close();
  });
});
