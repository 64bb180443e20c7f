/**
 * A keyboard-only journey through the admin page, as someone who uses no pointer: from the host
 * page's top, Tab into the app, tag Release Bot (pickers by typing and arrow keys), edit its purpose,
 * open and Escape the retire modal, retire it with a reason (after the missing-reason error), and open
 * (Enter, Space) and close (Escape, Space) a findings badge's details. No mouse event is sent. At each stop the focused control shows a
 * visible focus indicator (`:focus-visible` and an outline or ring drawn), and after an action moves
 * to a new view (Tag account, Save) focus is on that view's heading.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectProblems, launchBrowser, startSiteForBrowser, appFrame } from '../support/browser.js';
import { adminUrl, unexpected, waitForFlag, type BrowserSite } from '../support/admin-page.js';

let site: BrowserSite;
let browser: Browser;

beforeAll(async () => {
  site = await startSiteForBrowser();
  browser = await launchBrowser();
  // The sweep records findings, so the list has badges to open.
  const sweep = await fetch(`${site.url}/__local/scheduled/integration-accounts-sweep`, { method: 'POST' });
  expect(((await sweep.json()) as { ok: boolean }).ok).toBe(true);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** What has focus in the app frame, and whether a focus indicator is drawn for it. */
interface Focused {
  /** False when focus is outside the app frame (the host page). */
  inFrame: boolean;
  tag: string;
  role: string | null;
  /** aria-label, else the text. */
  name: string;
  id: string;
  focusVisible: boolean;
  /** An outline or box-shadow on the element or a near ancestor (react-select draws it on its control). */
  indicator: boolean;
}

function focused(frame: Frame): Promise<Focused> {
  return frame.evaluate(() => {
    const el = document.activeElement;
    if (!document.hasFocus() || !el || el === document.body) {
      return { inFrame: false, tag: '', role: null, name: '', id: '', focusVisible: false, indicator: false };
    }
    let indicator = false;
    let node: Element | null = el;
    for (let depth = 0; node && depth < 5 && !indicator; depth++, node = node.parentElement) {
      for (const pseudo of [null, '::before', '::after']) {
        const style = getComputedStyle(node, pseudo);
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        const ring = style.boxShadow !== 'none' && style.boxShadow !== '';
        const border = pseudo !== null && style.borderStyle !== 'none' && parseFloat(style.borderWidth) >= 2;
        if (outline || ring || border) indicator = true;
      }
    }
    return {
      inFrame: true,
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 80),
      id: el.id,
      focusVisible: el.matches(':focus-visible'),
      indicator,
    };
  });
}

const show = (f: Focused) => (f.inFrame ? `${f.tag}${f.id ? `#${f.id}` : ''} “${f.name}”` : '(host page)');

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, up to `max` presses; each stop in
 * the frame must show a focus indicator. Throws with the path it took otherwise.
 */
async function tabTo(
  page: Page,
  frame: Frame,
  match: (f: Focused) => boolean,
  opts: { back?: boolean; max?: number } = {},
): Promise<Focused> {
  const path: string[] = [];
  for (let i = 0; i < (opts.max ?? 60); i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const f = await focused(frame);
    path.push(show(f));
    if (f.inFrame) {
      expect(f.focusVisible && f.indicator, `a visible focus indicator on ${show(f)}`).toBe(true);
    }
    if (f.inFrame && match(f)) return f;
  }
  throw new Error(`Tab never reached the control; it went: ${path.join(' → ')}`);
}

const named = (name: string | RegExp) => (f: Focused) =>
  typeof name === 'string' ? f.name === name : name.test(f.name);

/** Types into the focused people picker and picks the first option with the arrow keys and Enter. */
async function pickByKeyboard(page: Page, frame: Frame, query: string, option: RegExp): Promise<void> {
  await page.keyboard.type(query, { delay: 30 });
  await frame.getByRole('option', { name: option }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await frame.getByRole('option').first().waitFor({ state: 'detached' });
}

async function expectHeadingFocused(frame: Frame, name: string): Promise<void> {
  await expect
    .poll(async () => {
      const f = await focused(frame);
      return `${f.tag} ${f.name}${f.focusVisible && f.indicator ? '' : ' (no focus indicator)'}`;
    })
    .toBe(`h2 ${name}`);
}

describe('keyboard only', () => {
  it('tags, edits and retires an account, and opens a findings badge, with no pointer', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectProblems(page);
    await page.goto(adminUrl(site, '/accounts', 'admin@example.com'));
    const frame = await appFrame(page);
    await frame.getByTestId('accounts-table--table').waitFor({ timeout: 20_000 });
    // Any mouse event in the frame would mean the journey was not keyboard-only.
    await frame.evaluate(() => {
      (window as unknown as { pointerEvents: number }).pointerEvents = 0;
      for (const type of ['mousedown', 'click', 'pointerdown']) {
        document.addEventListener(
          type,
          (e) => {
            if ((e as MouseEvent).detail > 0)
              (window as unknown as { pointerEvents: number }).pointerEvents++;
          },
          true,
        );
      }
    });

    // A findings badge: Tab to it, Enter opens what the findings are.
    const badge = await tabTo(page, frame, (f) => f.tag === 'summary' && /findings?:/.test(f.name), {
      max: 80,
    });
    const details = frame.locator('details', { has: frame.getByLabel(badge.name, { exact: true }) });
    expect(await details.getAttribute('open')).toBeNull();
    await page.keyboard.press('Enter');
    await expect.poll(() => details.getAttribute('open')).toBe('');
    expect(await details.locator('li').count()).toBeGreaterThan(0);
    expect(await details.locator('li').first().isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => details.getAttribute('open')).toBeNull();
    expect((await focused(frame)).name).toBe(badge.name);
    await page.keyboard.press('Space');
    await expect.poll(() => details.getAttribute('open')).toBe('');
    await page.keyboard.press('Space');
    await expect.poll(() => details.getAttribute('open')).toBeNull();

    // Tag account (in the page header, before the list): Shift+Tab back to it; Enter.
    await tabTo(page, frame, named('Tag account'), { back: true, max: 80 });
    await page.keyboard.press('Enter');
    await frame.getByRole('form', { name: 'Tag account' }).waitFor();
    await expectHeadingFocused(frame, 'Tag account');

    await tabTo(page, frame, (f) => f.id === 'field-account');
    await pickByKeyboard(page, frame, 'Release', /Release Bot/);
    await tabTo(page, frame, (f) => f.id === 'field-purpose');
    await page.keyboard.type('Publishes release notes to Jira versions.');
    await tabTo(page, frame, (f) => f.id === 'field-owner');
    await pickByKeyboard(page, frame, 'Olivia', /Olivia Owner/);
    await tabTo(page, frame, named('Save'));
    await page.keyboard.press('Enter');
    await waitForFlag(page, 'Account tagged');
    await frame.getByRole('heading', { name: 'Release Bot', level: 2 }).waitFor();
    await expectHeadingFocused(frame, 'Release Bot');

    // Edit: the purpose, then Save with the keyboard.
    await tabTo(page, frame, named('Edit'));
    await page.keyboard.press('Enter');
    await frame.getByRole('form', { name: 'Edit account' }).waitFor();
    await expectHeadingFocused(frame, 'Edit account');
    await tabTo(page, frame, (f) => f.id === 'field-purpose');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Publishes release notes and changelogs.');
    await tabTo(page, frame, named('Save'));
    await page.keyboard.press('Space');
    await waitForFlag(page, 'Changes saved');
    await frame.getByText('Publishes release notes and changelogs.').waitFor();
    await expectHeadingFocused(frame, 'Release Bot');

    // Retire: Escape closes the modal and gives focus back to the Retire button.
    await tabTo(page, frame, named('Retire'));
    await page.keyboard.press('Enter');
    const dialog = frame.getByRole('dialog', { name: /Retire Release Bot/ });
    await dialog.waitFor();
    await expect.poll(async () => (await focused(frame)).id).toMatch(/^retire-.*-reason$/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await focused(frame)).name).toBe('Retire');

    // Again, with the missing reason first.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await expect.poll(async () => (await focused(frame)).id).toMatch(/^retire-.*-reason$/);
    await tabTo(page, frame, named('Retire account'));
    await page.keyboard.press('Enter');
    await dialog.getByText('Say why the account is retired.').waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Reason' }).getAttribute('aria-invalid')).toBe('true');
    await tabTo(page, frame, (f) => /^retire-.*-reason$/.test(f.id), { back: true });
    await page.keyboard.type('Replaced by the release service.');
    await tabTo(page, frame, named('Retire account'));
    await page.keyboard.press('Space');
    await waitForFlag(page, 'Account retired');
    await frame.getByText('This account is retired').waitFor();
    await expectHeadingFocused(frame, 'Release Bot');
    expect(await frame.getByRole('button', { name: 'Re-tag' }).count()).toBe(1);

    expect(await frame.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents)).toBe(
      0,
    );
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  }, 180_000);
});
