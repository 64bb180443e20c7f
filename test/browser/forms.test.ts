/**
 * Words, dates and forms as people meet them (issue 13 "Words, dates, layout"): the tag form checks
 * before the round trip and says what is wrong in people's words, limited fields count, dates typed in
 * the person's locale; pickers offer only who can be chosen; times show in the person's Jira time zone
 * (the seed's site admin lives in Sydney, locale en-AU); CSV import speaks the form's words; no page
 * shows a validator's wording, a machine code or an ISO date. Screenshots (light and dark) go to
 * docs/images/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_ACCOUNT_IDS } from '../../local/jira/seed.js';
import { LOCAL_IDS } from '../../local/runtime/runtime.js';
import {
  appFrame,
  clickInFrame,
  ensureStaticBuild,
  launchBrowser,
  ROOT_DIR,
  startSiteForBrowser,
} from '../support/browser.js';
import { openAdmin, pickUser, screenshotPage, unexpected, type BrowserSite } from '../support/admin-page.js';
import { axePage, describeAxeFinding } from '../support/axe.js';

const IMAGES = join(ROOT_DIR, 'docs', 'images');

let site: BrowserSite;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(IMAGES, { recursive: true });
  await ensureStaticBuild(['admin', 'global', 'background']);
  site = await startSiteForBrowser();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  vi.useRealTimers();
  await browser?.close();
  await site?.close();
});

vi.setConfig({ testTimeout: 120_000 });

/** What must never reach a person: a validator's wording, a machine code, an ISO date or instant. */
const LEAKS: [string, RegExp][] = [
  ['validator wording', /expected \w+, received|Invalid input|Too small:|Too big:|Unrecognized key/i],
  ['machine code', /(^|[\s(+-])[A-Z]{2,}(_[A-Z]+)+\b/],
  ['ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
];

async function leaksOn(frame: Frame): Promise<string[]> {
  const text = await frame.locator('body').innerText();
  return LEAKS.filter(([, re]) => re.test(text)).map(([name, re]) => `${name}: ${re.exec(text)?.[0] ?? ''}`);
}

/** Resolver calls the page makes (the shell relays each `invoke` to the local site). */
function invokes(page: Page): string[] {
  const keys: string[] = [];
  page.on('request', (req) => {
    if (!req.url().endsWith('/__local/invoke')) return;
    const body = req.postDataJSON() as { functionKey?: string } | null;
    if (body?.functionKey) keys.push(body.functionKey);
  });
  return keys;
}

async function menuText(frame: Frame, picker: string, query: string): Promise<string> {
  const input = frame.getByRole('combobox', { name: picker, exact: true });
  await input.click();
  await input.pressSequentially(query, { delay: 20 });
  const menu = frame.locator('[class*="menu"]').filter({ hasText: /tagged|integration account|match/ });
  await menu.first().waitFor({ timeout: 15_000 });
  const text = await menu.first().innerText();
  await input.press('Escape');
  await input.fill('');
  return text;
}

describe('forms, words and dates', () => {
  it('checks the tag form before the round trip, in people’s words, with counters and locale dates', async () => {
    const { page, frame, problems } = await openAdmin(browser, site, { path: '/tag' });
    const calls = invokes(page);
    await frame.getByRole('form', { name: 'Tag account' }).waitFor();

    // Pickers offer only who can be chosen, and say why a match is missing.
    expect(await menuText(frame, 'Account', 'Jenkins')).toMatch(/Jenkins CI is already tagged/);
    expect(await menuText(frame, 'Owner', 'Jenkins')).toMatch(/Jenkins CI is an integration account/);

    // The limit shows as you type; past it, the counter says by how much.
    const purpose = frame.getByRole('textbox', { name: 'Purpose', exact: true });
    await purpose.fill('Builds');
    await frame.getByText('6 / 500').waitFor();
    await purpose.fill('x'.repeat(503));
    await frame.getByText('3 over the 500-character limit').waitFor();

    // A date is typed the way the person's locale writes it (en-AU: day first).
    await frame.getByRole('button', { name: 'Add integration' }).click();
    const expiry = frame.getByRole('textbox', { name: 'Credential expiry, integration 1' });
    expect(await expiry.getAttribute('placeholder')).toBe('DD/MM/YYYY');
    await expiry.fill('31/02/2027');
    await expiry.blur();
    await frame.getByText('Enter a date as DD/MM/YYYY.').first().waitFor();

    const cadence = frame.getByRole('spinbutton', { name: 'Review cadence (days)' });
    await cadence.fill('');
    const before = calls.length;
    await frame.getByRole('button', { name: 'Save', exact: true }).click();
    await frame.getByText('Give the days between reviews: 30 to 365.').waitFor();
    await frame.getByText('Pick the account your integration signs in as.').waitFor();
    await frame.getByText('At most 500 characters.').waitFor();
    await frame.getByText('Name the system.').waitFor();
    expect(await frame.locator('[aria-invalid="true"]').count()).toBeGreaterThanOrEqual(4);
    // Nothing went to the app: the contract's own schema answered.
    expect(calls.slice(before)).toEqual([]);
    expect(await leaksOn(frame)).toEqual([]);
    await screenshotPage(page, join(IMAGES, 'forms-validation.png'));

    // Fixed, the date reads back in the person's order and is stored as a day.
    await expiry.fill('01/05/2027');
    await expiry.blur();
    expect(await frame.getByText('Enter a date as DD/MM/YYYY.').count()).toBe(0);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('looks right in the dark theme with its errors', async () => {
    const { page, frame } = await openAdmin(browser, site, { path: '/tag', theme: 'dark' });
    await frame.getByRole('form', { name: 'Tag account' }).waitFor();
    await frame.getByRole('button', { name: 'Add integration' }).click();
    await frame.getByRole('textbox', { name: 'Purpose', exact: true }).fill('x'.repeat(498));
    await frame.getByRole('button', { name: 'Save', exact: true }).click();
    await frame.getByText('Pick the person who owns this account.').waitFor();
    await screenshotPage(page, join(IMAGES, 'forms-validation-dark.png'));
    await page.close();
  });

  it('shows times in the person’s Jira time zone and locale, and no code or ISO date, on the account page and audit log', async () => {
    const { page, frame, problems } = await openAdmin(browser, site, {
      path: `/accounts/${DEMO_ACCOUNT_IDS.jenkinsCi}`,
    });
    await frame.getByRole('heading', { name: 'Jenkins CI', level: 2 }).waitFor();
    await frame.getByRole('region', { name: 'History' }).waitFor();
    const text = await frame.locator('body').innerText();
    // Sydney: AEDT in November; en-AU writes "30 Nov 2026, 6:20 pm".
    expect(text).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d{1,2}:\d{2} [ap]m AEDT/);
    expect(await leaksOn(frame)).toEqual([]);

    await frame.getByRole('tab', { name: 'Audit log' }).click();
    await frame.getByTestId('audit-table--table').waitFor();
    await frame.getByText(/AEDT/).first().waitFor();
    expect(await leaksOn(frame)).toEqual([]);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('previews a CSV import in the form’s words', async () => {
    const { page, frame, problems } = await openAdmin(browser, site, { path: '/import' });
    const csv = [
      'accountId,purpose,ownerId,reviewCadenceDays,system,environment,credentialKind,credentialExpiresOn',
      `${DEMO_ACCOUNT_IDS.releaseBot},Publishes release notes,${DEMO_ACCOUNT_IDS.olivia},ninety,Release pipeline,prod,password,31/12/2026`,
    ].join('\n');
    await frame.getByRole('textbox', { name: 'CSV to import' }).fill(csv);
    await frame.getByRole('button', { name: 'Preview', exact: true }).click();
    const report = frame.getByTestId('import-report--table');
    await report.waitFor();
    const text = await report.innerText();
    expect(text).toMatch(/Review cadence \(days\): Enter a number\./);
    expect(text).toMatch(/Integration 1, Credential kind: Pick API token, OAuth client or other\./);
    expect(text).toMatch(/Integration 1, Credential expiry: /);
    expect(text).not.toMatch(/reviewCadenceDays|credentialKind|integrations\.0/);
    await frame.getByText('What each column is').click();
    await frame.getByText('Review cadence (days)', { exact: true }).waitFor();
    const validatorLeak = LEAKS[0]![1];
    expect(validatorLeak.test(await frame.locator('body').innerText())).toBe(false);
    await screenshotPage(page, join(IMAGES, 'forms-import-preview.png'));
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('retires through the same flow on the offboarding check as on the account page', async () => {
    const { page, frame, problems } = await openAdmin(browser, site, { path: '/offboarding' });
    await pickUser(frame, 'Person leaving', 'Olivia', /Olivia Owner/);
    const card = frame.locator('[data-testid^="offboarding-account-"]').first();
    await card.waitFor({ timeout: 30_000 });
    // The person leaving is marked where they appear.
    await card.getByText('Leaving').first().waitFor();
    const name = (await card.getAttribute('aria-label')) ?? '';
    await card.getByRole('button', { name: `Retire ${name}` }).click();
    const form = frame.getByRole('form', { name: `Retire ${name}` });
    await form.getByText(`Retire ${name}?`).waitFor();
    await form.getByText(/leaves the registry: no more reviews, findings or notices for it/).waitFor();
    // Same order as the dialog: Cancel, then the danger action; same reason rule, before the round trip.
    const buttons = await form.getByRole('button').allInnerTexts();
    expect(buttons).toEqual(['Cancel', 'Retire account']);
    await form.getByRole('button', { name: 'Retire account' }).click();
    await form.getByText('Say why the account is retired.').waitFor();
    await form.getByRole('textbox', { name: 'Reason' }).fill('r'.repeat(10));
    await form.getByText('10 / 500').waitFor();
    await screenshotPage(page, join(IMAGES, 'forms-retire-offboarding.png'));
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('owner forms count their limited fields and check them before the round trip', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const calls = invokes(page);
      await page.goto(
        `${site.url}/jira/apps/${site.manifest.appId}/${LOCAL_IDS.environmentId}?as=olivia%40example.com&theme=${theme}`,
      );
      const frame = await appFrame(page);
      const jenkins = frame.getByTestId(`my-account-${DEMO_ACCOUNT_IDS.jenkinsCi}`);
      await jenkins.waitFor({ timeout: 15_000 });
      await clickInFrame(frame, jenkins.getByRole('button', { name: 'Confirm still needed for Jenkins CI' }));
      await clickInFrame(frame, jenkins.getByRole('checkbox', { name: /Its purpose is right/ }));
      const comment = jenkins.getByRole('textbox', { name: 'Comment' });
      await comment.fill('Still builds main.');
      await jenkins.getByText('18 / 1,000').waitFor();
      await comment.fill('c'.repeat(1_002));
      await jenkins.getByText('2 over the 1,000-character limit').waitFor();
      const before = calls.length;
      await clickInFrame(frame, jenkins.getByRole('button', { name: 'Confirm', exact: true }));
      await jenkins.getByText('Say what the account is really for.').waitFor();
      await jenkins.getByText('At most 1,000 characters.').waitFor();
      // With the error said, the counter only counts.
      await jenkins.getByText('1,002 / 1,000', { exact: true }).waitFor();
      expect(await jenkins.locator('textarea[aria-invalid="true"]').count()).toBe(2);
      // The contract's schema answered: nothing went to the app.
      expect(calls.slice(before)).toEqual([]);
      // Typing clears the field's error.
      await jenkins.getByRole('textbox', { name: 'What it is really for' }).fill('Builds every branch.');
      await jenkins.getByText('Say what the account is really for.').waitFor({ state: 'detached' });
      await jenkins.getByText('20 / 500').waitFor();
      expect((await axePage(page)).map(describeAxeFinding), `axe, attest form (${theme})`).toEqual([]);
      await screenshotPage(page, join(IMAGES, `forms-owner-counters${theme === 'dark' ? '-dark' : ''}.png`));
      await clickInFrame(frame, jenkins.getByRole('button', { name: 'Cancel' }));

      await clickInFrame(frame, jenkins.getByRole('button', { name: 'Propose new owner for Jenkins CI' }));
      await jenkins.getByRole('textbox', { name: 'Message' }).fill('m'.repeat(501));
      await jenkins.getByText('1 over the 500-character limit').waitFor();
      await clickInFrame(frame, jenkins.getByRole('button', { name: 'Propose', exact: true }));
      await jenkins.getByText('Pick the person you propose.').waitFor();
      await jenkins.getByText('At most 500 characters.').waitFor();
      expect(calls.slice(before)).toEqual([]);
      await clickInFrame(frame, jenkins.getByRole('button', { name: 'Cancel' }));
      expect(await leaksOn(frame)).toEqual([]);
      await page.close();
    }
  });

  it('settings count list items and check before the round trip; the audit filter takes dates in the person’s order', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { page, frame, problems } = await openAdmin(browser, site, { path: '/settings', theme });
      const calls = invokes(page);
      const words = frame.getByRole('textbox', { name: 'Candidate words' });
      await words.waitFor({ timeout: 20_000 });
      await frame.getByText('5 / 30 words').waitFor();
      await words.fill(Array.from({ length: 31 }, (_, i) => `w${String(i)}`).join(', '));
      await frame.getByText('1 more than the 30 words allowed').waitFor();
      const before = calls.length;
      await clickInFrame(frame, frame.getByRole('button', { name: 'Save settings' }));
      await frame.locator('#settings-patterns-error').getByText('At most 30 words.').waitFor();
      await frame.getByText('31 / 30 words', { exact: true }).waitFor();
      expect(await words.getAttribute('aria-invalid')).toBe('true');
      expect((await axePage(page)).map(describeAxeFinding), `axe, settings (${theme})`).toEqual([]);
      expect(calls.slice(before)).toEqual([]);
      await words.scrollIntoViewIfNeeded();
      await screenshotPage(
        page,
        join(IMAGES, `forms-settings-counters${theme === 'dark' ? '-dark' : ''}.png`),
      );
      await clickInFrame(frame, frame.getByRole('button', { name: 'Discard changes' }));
      await frame.getByText('5 / 30 words').waitFor();

      // The audit log's dates: typed in en-AU order (day first), sent as days.
      await frame.getByRole('tab', { name: 'Audit log' }).click();
      await frame.getByTestId('audit-table--table').waitFor({ timeout: 20_000 });
      const from = frame.getByRole('textbox', { name: 'From', exact: true });
      const to = frame.getByRole('textbox', { name: 'To', exact: true });
      expect(await from.getAttribute('placeholder')).toBe('DD/MM/YYYY');
      expect(await from.getAttribute('type')).not.toBe('date');
      const sent: unknown[] = [];
      page.on('request', (req) => {
        if (!req.url().endsWith('/__local/invoke')) return;
        const body = req.postDataJSON() as { functionKey?: string; payload?: unknown } | null;
        if (body?.functionKey === 'audit/list') sent.push(body.payload);
      });
      await from.fill('31/12/2099');
      await frame.getByText('No records.').waitFor({ timeout: 15_000 });
      expect(sent).toContainEqual(expect.objectContaining({ from: '2099-12-31' }));
      await to.fill('01/01/2099');
      await frame.getByText('The start is after the end.').waitFor();
      await to.fill('31/13/2099');
      await to.blur();
      await frame.getByText('Enter a date as DD/MM/YYYY.').waitFor();
      expect(await to.getAttribute('aria-invalid')).toBe('true');
      expect((await axePage(page)).map(describeAxeFinding), `axe, audit filter (${theme})`).toEqual([]);
      await screenshotPage(page, join(IMAGES, `forms-audit-dates${theme === 'dark' ? '-dark' : ''}.png`));
      await clickInFrame(frame, frame.getByRole('button', { name: 'Clear filters' }));
      expect(await from.inputValue()).toBe('');
      await frame.getByTestId('audit-table--table').locator('tbody tr').first().waitFor({ timeout: 15_000 });
      expect(unexpected(problems)).toEqual([]);
      await page.close();
    }
  });

  it('after a sweep 100 days on: the owner page and the audit log tell findings in words, dates in the person’s format', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date(Date.now() + 100 * 86_400_000));
    const sweep = await fetch(`${site.url}/__local/scheduled/integration-accounts-sweep`, { method: 'POST' });
    expect(((await sweep.json()) as { ok: boolean }).ok).toBe(true);

    // Olivia (London, en-GB) on "My integration accounts": the server's sentences carry dates.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(
      `${site.url}/jira/apps/${site.manifest.appId}/${LOCAL_IDS.environmentId}?as=olivia%40example.com`,
    );
    const frame = await appFrame(page);
    await frame.getByRole('heading', { name: 'My integration accounts', level: 1 }).waitFor();
    await frame.getByTestId(`my-account-${DEMO_ACCOUNT_IDS.githubSync}`).waitFor({ timeout: 15_000 });
    expect(await leaksOn(frame)).toEqual([]);
    await page.close();

    // The sweep's audit records: "Found: …", never "+NO_BACKUP_OWNER".
    const admin = await openAdmin(browser, site, { path: '/audit' });
    await admin.frame.getByTestId('audit-table--table').waitFor();
    await admin.frame
      .getByText(/Found: /)
      .first()
      .waitFor();
    expect(await leaksOn(admin.frame)).toEqual([]);
    await admin.page.close();
  });
});
