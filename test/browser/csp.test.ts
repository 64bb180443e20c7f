/**
 * Every surface of the app under the policy Forge serves (docs/local-platform.md, "Theming and CSP"):
 * the Custom UI from the local Forge CDN's origin, with the Content-Security-Policy that Atlassian's
 * `@forge/csp` computes, in light and dark. Each visit must raise no CSP violation in any frame
 * (the page's, the app's, the background script's), the design tokens must resolve in the app's
 * frame, and dark must be dark.
 *
 * `CSP_APP_DIR=<checkout>` runs the same visits against another checkout of the app (its
 * `static/build` built), to measure a version before or after a change; the counts are printed.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_IDS } from '../../local/runtime/runtime.js';
import {
  collectProblems,
  cspViolations,
  describeViolation,
  ensureStaticBuild,
  isCspConsoleMessage,
  launchBrowser,
  startSiteForBrowser,
} from '../support/browser.js';

type Site = Awaited<ReturnType<typeof startSiteForBrowser>>;
type Mode = 'light' | 'dark';

const SURFACES = ['admin', 'global', 'issue-panel', 'background'];
const APP_DIR = process.env.CSP_APP_DIR || undefined;

let site: Site;
let browser: Browser;
/** surface → mode → violations seen (printed at the end: the figures of the issue's closing note). */
const counts: Record<string, Partial<Record<Mode, number>>> = {};

interface Visit {
  name: string;
  /** Shell path (with query) to open. */
  path: () => string;
  as: string;
  /** The iframe that holds the surface's app. */
  frame: string;
  /** Resolves when the surface has rendered its content. */
  ready: (frame: Frame) => Promise<void>;
  /** A visible surface: its tokens and background are checked. */
  visible: boolean;
}

const ADMIN_FRAME = 'iframe[data-forge-frame="integration-accounts-admin-frame"]';
const adminPath = (sub: string) =>
  `/jira/settings/apps/${site.manifest.appId}/${LOCAL_IDS.environmentId}${sub}`;
const jenkinsId = () => site.site.userByEmail('jenkins-ci@example.com')?.accountId ?? 'unknown';
const adminReady = async (frame: Frame) => {
  await frame.getByRole('heading', { name: 'Integration accounts', level: 1 }).waitFor({ timeout: 20_000 });
};

const VISITS: Visit[] = [
  ...['/accounts', '/candidates', '/offboarding', '/import', '/audit', '/settings', '/tag'].map(
    (sub): Visit => ({
      name: `admin ${sub}`,
      path: () => adminPath(sub),
      as: 'admin@example.com',
      frame: ADMIN_FRAME,
      ready: adminReady,
      visible: true,
    }),
  ),
  {
    name: 'admin /accounts/<Jenkins CI>',
    path: () => adminPath(`/accounts/${encodeURIComponent(jenkinsId())}`),
    as: 'admin@example.com',
    frame: ADMIN_FRAME,
    ready: adminReady,
    visible: true,
  },
  {
    name: 'global page',
    path: () => `/jira/apps/${site.manifest.appId}/${LOCAL_IDS.environmentId}`,
    as: 'olivia@example.com',
    frame: 'iframe[data-forge-frame="my-integration-accounts-frame"]',
    ready: async (frame) => {
      await frame
        .getByRole('heading', { name: 'My integration accounts', level: 1 })
        .waitFor({ timeout: 20_000 });
    },
    visible: true,
  },
  {
    name: 'issue panel (OFF-1)',
    path: () => '/browse/OFF-1',
    as: 'oscar@example.com',
    frame: 'iframe[data-forge-frame="offboarding-check-panel-frame"]',
    ready: async (frame) => {
      await frame.getByTestId('offboarding-verdict').waitFor({ timeout: 20_000 });
    },
    visible: true,
  },
  {
    name: 'background script (home)',
    path: () => '/',
    as: 'olivia@example.com',
    frame: 'iframe[data-forge-frame="integration-accounts-notices-background"]',
    ready: async (frame) => {
      await frame.waitForLoadState('load');
    },
    visible: false,
  },
];

/** Relative luminance of a CSS `rgb()/rgba()` colour; undefined when it is transparent. */
function luminance(color: string): number | undefined {
  const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(color);
  if (!m || (m[4] !== undefined && Number(m[4]) === 0)) return undefined;
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** What the app's frame shows: its token value, colour mode and the background it paints. */
async function frameLook(
  frame: Frame,
): Promise<{ dsText: string; colorMode: string | null; background: string }> {
  return frame.evaluate(() => {
    const html = document.documentElement;
    const paint = [document.body, html]
      .filter((el): el is HTMLElement => el !== null)
      .map((el) => getComputedStyle(el).backgroundColor)
      .find((c) => c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c));
    return {
      dsText: getComputedStyle(html).getPropertyValue('--ds-text').trim(),
      colorMode: html.getAttribute('data-color-mode'),
      background: paint ?? 'transparent',
    };
  });
}

/** The first painted background of the iframe element's ancestors in the shell. */
async function shellBackground(page: Page, frameSelector: string): Promise<string> {
  return page.$eval(frameSelector, (iframe) => {
    for (let el: Element | null = iframe; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
    }
    return 'transparent';
  });
}

async function open(visit: Visit, mode: Mode): Promise<{ page: Page; frame: Frame; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = collectProblems(page);
  const sep = visit.path().includes('?') ? '&' : '?';
  await page.goto(`${site.url}${visit.path()}${sep}as=${encodeURIComponent(visit.as)}&theme=${mode}`);
  const handle = await page.waitForSelector(visit.frame, { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`${visit.name}: the iframe has no frame`);
  await visit.ready(frame);
  // Let lazy chunks, pickers and late styles arrive: violations come with them.
  // (bounded: a request that stays open would otherwise hold the test for Playwright's 30 s).
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.waitForTimeout(750);
  return { page, frame, problems };
}

beforeAll(async () => {
  if (!APP_DIR) await ensureStaticBuild(SURFACES);
  site = await startSiteForBrowser(APP_DIR ? { appDir: APP_DIR } : {});
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  const rows = Object.entries(counts).map(
    ([surface, m]) => `${surface}: light ${m.light ?? '-'}, dark ${m.dark ?? '-'}`,
  );
  console.log(`CSP violations per surface${APP_DIR ? ` (${APP_DIR})` : ''}:\n  ${rows.join('\n  ')}`);
  await browser?.close();
  await site?.close();
});

describe('every surface under the Forge CSP, from the CDN origin, light and dark', () => {
  for (const visit of VISITS) {
    for (const mode of ['light', 'dark'] as const) {
      it(`${visit.name}, ${mode}: no CSP violation${visit.visible ? ', tokens resolve, the theme shows' : ''}`, async () => {
        const { page, frame, problems } = await open(visit, mode);
        try {
          const violations = cspViolations(page);
          const consoleReports = problems.filter((p) => p.startsWith('console:') && isCspConsoleMessage(p));
          (counts[visit.name] ??= {})[mode] = violations.length;

          // The frame really is the CDN's, not the shell's.
          expect(new URL(frame.url()).origin).toBe(new URL(site.cdnUrl).origin);
          expect(new URL(frame.url()).origin).not.toBe(new URL(site.url).origin);

          expect
            .soft(violations.map(describeViolation), 'CSP violations (securitypolicyviolation)')
            .toEqual([]);
          expect.soft(consoleReports, 'CSP refusals in the console').toEqual([]);
          if (!visit.visible) return;

          const look = await frameLook(frame);
          expect.soft(look.colorMode).toBe(mode);
          expect.soft(look.dsText, '--ds-text in the app frame (design tokens loaded)').not.toBe('');
          // What the user sees behind the app: its own background, else (a transparent frame) the shell's.
          const background =
            look.background !== 'transparent' ? look.background : await shellBackground(page, visit.frame);
          const l = luminance(background);
          expect.soft(l, `the background behind the app (${background})`).toBeDefined();
          if (mode === 'dark')
            expect.soft(l, `dark mode shows a dark background (${background})`).toBeLessThan(0.1);
          else expect.soft(l, `light mode shows a light background (${background})`).toBeGreaterThan(0.6);
        } finally {
          await page.close();
        }
      }, 90_000);
    }
  }
});

describe('the app frame is cross-origin to the shell', () => {
  it('reaches neither the shell’s DOM nor its cookies, and the bridge still answers (postMessage)', async () => {
    const page = await browser.newPage();
    const problems = collectProblems(page);
    try {
      await page.goto(`${site.url}${adminPath('/accounts')}?as=olivia%40example.com&theme=dark`);
      const handle = await page.waitForSelector(ADMIN_FRAME, { state: 'attached' });
      const frame = await handle.contentFrame();
      if (!frame) throw new Error('no app frame');
      await adminReady(frame);
      // The shell remembered who acts and the theme in its cookies; the frame has none of them.
      expect(await page.evaluate(() => document.cookie)).toMatch(/forge-local-as=/);
      expect(await frame.evaluate(() => document.cookie)).toBe('');
      const reach = await frame.evaluate(() => {
        try {
          return window.parent.document.title;
        } catch (e) {
          return e instanceof Error ? e.name : 'blocked';
        }
      });
      expect(reach).toBe('SecurityError');
      // Yet the bridge works across the boundary: the context names the acting user and the theme.
      const context = await frame.evaluate(() =>
        (
          window as unknown as { __bridge: { callBridge(n: string): Promise<Record<string, unknown>> } }
        ).__bridge.callBridge('getContext'),
      );
      expect(context.accountId).toBe(site.site.userByEmail('olivia@example.com')?.accountId);
      expect((context.theme as { colorMode?: string }).colorMode).toBe('dark');
      expect(
        problems.filter((p) => !/favicon/.test(p) && !p.startsWith('csp:') && !isCspConsoleMessage(p)),
      ).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);
});

describe('the theming host (enableTheming)', () => {
  it('links the token stylesheets from the CDN, sets the attributes, and follows the shell’s theme toggle', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${site.url}${adminPath('/accounts')}?as=admin%40example.com&theme=light`);
      const handle = await page.waitForSelector(ADMIN_FRAME, { state: 'attached' });
      const frame = await handle.contentFrame();
      if (!frame) throw new Error('no app frame');
      await adminReady(frame);
      const state = () =>
        frame.evaluate(() => ({
          colorMode: document.documentElement.getAttribute('data-color-mode'),
          theme: document.documentElement.getAttribute('data-theme'),
          links: Array.from(
            document.head.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"][data-theme]'),
          ).map((l) => ({ id: l.dataset.theme, href: l.href, loaded: l.sheet !== null })),
          dsText: getComputedStyle(document.documentElement).getPropertyValue('--ds-text').trim(),
        }));
      await expect.poll(async () => (await state()).links.filter((l) => l.loaded).length).toBe(5);
      const light = await state();
      expect(light.colorMode).toBe('light');
      expect(light.theme).toBe(
        'dark:dark light:light motion:motion shape:shape spacing:spacing typography:typography',
      );
      expect(light.links.map((l) => l.id)).toEqual(['light', 'shape', 'spacing', 'typography', 'motion']);
      for (const l of light.links) expect(l.href).toBe(`${site.cdnUrl}/__forge/atlaskit-tokens_${l.id}.css`);
      expect(light.dsText).not.toBe('');

      await page.locator('#theme-toggle').click();
      await expect.poll(async () => (await state()).colorMode).toBe('dark');
      await expect.poll(async () => (await state()).links.find((l) => l.id === 'dark')?.loaded).toBe(true);
      const dark = await state();
      expect(dark.dsText).not.toBe('');
      expect(dark.dsText).not.toBe(light.dsText);
    } finally {
      await page.close();
    }
  }, 90_000);
});

describe('the violation watch', () => {
  it('catches an inline style injected into the app frame under the served policy, and the site gets the report', async () => {
    const before = site.cspReports.length;
    const page = await browser.newPage();
    const problems = collectProblems(page);
    try {
      await page.goto(`${site.url}${adminPath('/accounts')}?as=admin%40example.com`);
      const handle = await page.waitForSelector(ADMIN_FRAME, { state: 'attached' });
      const frame = await handle.contentFrame();
      if (!frame) throw new Error('no app frame');
      await frame.waitForLoadState('load');
      const seen = cspViolations(page).length;
      await frame.evaluate(() => {
        const style = document.createElement('style');
        style.textContent = '.csp-probe { color: red; }';
        document.head.appendChild(style);
      });
      await expect.poll(() => cspViolations(page).length, { timeout: 10_000 }).toBeGreaterThan(seen);
      const caught = cspViolations(page).slice(seen);
      expect(caught[0]?.directive).toMatch(/^style-src/);
      expect(caught[0]?.blockedURI).toBe('inline');
      expect(caught[0]?.frameUrl.startsWith(site.cdnUrl)).toBe(true);
      expect(problems.some((p) => p.startsWith('csp: style-src'))).toBe(true);
      // The policy's report-uri (rewritten to the local site) received it too.
      await expect.poll(() => site.cspReports.length, { timeout: 10_000 }).toBeGreaterThan(before);
    } finally {
      await page.close();
    }
  }, 90_000);
});
