/**
 * Browser tests: a headless Chromium (playwright-core) and the local site to point it at.
 *
 *   const site = await startSiteForBrowser();   // builds static/ once if needed, ephemeral port
 *   const browser = await launchBrowser();
 *   ...
 *   await browser.close(); await site.close();
 *
 * Chromium: `CHROMIUM_PATH`, else `/usr/bin/chromium` (Debian), else `@sparticuz/chromium`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Frame,
  type Locator,
  type Page,
} from 'playwright-core';
import type { LocalSite } from '../../local/host/site.js';
import { staticSourcesMtime } from '../../local/static-build.js';

export const ROOT_DIR = fileURLToPath(new URL('../..', import.meta.url));

export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--mute-audio',
];

/** Which Chromium to drive. */
export async function chromiumPath(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return sparticuz.executablePath();
}

/** One Content-Security-Policy violation a frame of a page reported (`securitypolicyviolation`). */
export interface CspViolation {
  /** The URL of the frame whose policy refused something. */
  frameUrl: string;
  /** e.g. `style-src-elem`, `style-src-attr`, `script-src-elem`. */
  directive: string;
  /** What was refused: a URL, or `inline` / `eval`. */
  blockedURI: string;
  /** The first characters of the refused inline code, when the policy allows showing them. */
  sample: string;
  sourceFile: string;
  line: number;
}

const violations = new WeakMap<Page, CspViolation[]>();
const violationSinks = new WeakMap<Page, ((v: CspViolation) => void)[]>();
const CSP_BINDING = '__forgeLocalCspViolation';

/**
 * Every frame of every page of `context` (cross-origin ones too) reports its CSP violations: an init
 * script, which runs before the frame's own scripts, listens for `securitypolicyviolation` and
 * hands each one to a binding.
 */
async function watchCsp(context: BrowserContext): Promise<void> {
  await context.exposeBinding(CSP_BINDING, ({ page, frame }, raw: Omit<CspViolation, 'frameUrl'>) => {
    const v: CspViolation = { frameUrl: frame.url(), ...raw };
    const list = violations.get(page) ?? [];
    list.push(v);
    violations.set(page, list);
    for (const sink of violationSinks.get(page) ?? []) sink(v);
  });
  await context.addInitScript((binding: string) => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = (window as unknown as Record<string, (v: unknown) => void>)[binding];
        report?.({
          directive: e.effectiveDirective || e.violatedDirective,
          blockedURI: e.blockedURI,
          sample: e.sample,
          sourceFile: e.sourceFile,
          line: e.lineNumber,
        });
      },
      true,
    );
  }, CSP_BINDING);
}

/** The CSP violations the page's frames reported so far (see `launchBrowser`). */
export function cspViolations(page: Page): CspViolation[] {
  return [...(violations.get(page) ?? [])];
}

/** One line per violation, for assertion messages. */
export function describeViolation(v: CspViolation): string {
  const where = v.sourceFile ? ` at ${v.sourceFile}:${v.line}` : '';
  return `${v.directive} refused ${v.blockedURI || 'inline'}${v.sample ? ` (${v.sample.slice(0, 60)})` : ''} in ${v.frameUrl}${where}`;
}

/**
 * A headless Chromium. Playwright gives every launch a fresh temporary profile (its own
 * `--user-data-dir`, removed on close); it refuses a `--user-data-dir` argument.
 *
 * Every context and page it opens watches CSP violations in all frames (`cspViolations(page)`;
 * `collectProblems` reports them too): `newContext` and `newPage` install the watch before the
 * first navigation.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: await chromiumPath(),
    headless: true,
    args: BROWSER_ARGS,
    timeout: 60_000,
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options?: BrowserContextOptions) => {
    const context = await newContext(options);
    await watchCsp(context);
    return context;
  };
  browser.newPage = async (options?: BrowserContextOptions) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    // As Playwright's own newPage: the context belongs to the page and closes with it.
    page.once('close', () => void context.close().catch(() => undefined));
    return page;
  };
  return browser;
}

/** Builds started by this process, by surface. */
const builds = new Map<string, Promise<void>>();

/**
 * Is `static/build/<surface>/index.html` missing, or older than any source it may be built from
 * (`static/`, whose shared folders several surfaces import, and the contract)?
 */
export function staticBuildStale(surface = 'admin'): boolean {
  const index = join(ROOT_DIR, 'static', 'build', surface, 'index.html');
  if (!existsSync(index)) return true;
  return staticSourcesMtime(ROOT_DIR) > statSync(index).mtimeMs;
}

/**
 * `vite build` of the given surfaces that are missing or stale, once per process. Only those are built
 * (`SURFACES`), so a test of one surface never waits for, or fails on, another.
 */
export function ensureStaticBuild(surfaces: readonly string[] = ['admin']): Promise<void> {
  // Running against another checkout (startSiteForBrowser): this one's static/ is not used.
  if (process.env.CSP_APP_DIR) return Promise.resolve();
  const stale = surfaces.filter((s) => !builds.has(s) && staticBuildStale(s));
  if (stale.length > 0) {
    const build = promisify(execFile)(
      process.execPath,
      [
        join(ROOT_DIR, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        join(ROOT_DIR, 'static', 'vite.config.ts'),
      ],
      {
        cwd: ROOT_DIR,
        env: { ...process.env, NODE_ENV: 'production', SURFACES: stale.join(',') },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 300_000,
      },
    ).then(() => undefined);
    for (const s of stale) builds.set(s, build);
  }
  return Promise.all(surfaces.flatMap((s) => builds.get(s) ?? [])).then(() => undefined);
}

/**
 * The local site on an ephemeral port with a throwaway data directory, static/ built. `appDir` (or the
 * environment's `CSP_APP_DIR`): another checkout of the app, its `static/build` already built, e.g. to
 * run the browser tests against an older version.
 */
export async function startSiteForBrowser(
  opts: { appDir?: string } = {},
): Promise<LocalSite & { dataDir: string }> {
  const appDir = opts.appDir ?? (process.env.CSP_APP_DIR || undefined);
  if (!appDir) await ensureStaticBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'forge-local-site-'));
  const { startLocalSite } = await import('../../local/host/site.js');
  const site = await startLocalSite({ port: 0, dataDir, quiet: true, appDir });
  const close = site.close.bind(site);
  return {
    ...site,
    dataDir,
    close: async () => {
      try {
        await close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** The Custom UI frame of a shell page (the first `iframe[data-forge-frame]` that is not a background script's). */
export async function appFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[data-forge-frame]:not(.frame-background)', {
    state: 'attached',
  });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the app iframe has no frame');
  return frame;
}

/**
 * Clicks a control inside a cross-origin Custom UI frame after scrolling it to the middle of the
 * viewport. The frame is out-of-process (site isolation), and Chromium routes a mouse event by the
 * frame's composited hit-test data, which lags the page: a click on a control at the viewport's
 * bottom edge (where Playwright's own scroll-into-view leaves it) was routed to the host page's
 * `<iframe>` element instead, so the app never saw it. A person looks at the button before
 * clicking it; a test clicks in the same moment.
 */
export async function clickInFrame(frame: Frame, locator: Locator): Promise<void> {
  await locator.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'nearest' }));
  const twoFrames = () =>
    new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  await frame.page().evaluate(twoFrames);
  await frame.evaluate(twoFrames);
  // The host resizes the frame to its content (a form just opened, rows just came), a message later:
  // until it has, a control below the frame's old height is clipped, and a click there goes to the
  // host page. Wait until the control lies inside the frame and stands still on the page, as the
  // person's eye would, before the click is routed.
  const iframe = await frame.frameElement();
  let last = '';
  for (let i = 0; i < 60; i++) {
    const [box, inside] = await Promise.all([locator.boundingBox(), iframe.boundingBox()]);
    const clipped =
      !box || !inside || box.y < inside.y || box.y + box.height > inside.y + inside.height + 0.5;
    const where = JSON.stringify([box, inside]);
    if (!clipped && where === last) break;
    last = where;
    await frame.page().waitForTimeout(50);
  }
  await locator.click();
}

/** Does a console message report a Content-Security-Policy refusal? */
export function isCspConsoleMessage(text: string): boolean {
  return /Content Security Policy|Content-Security-Policy/i.test(text);
}

/**
 * Console errors, CSP violations (in any frame) and failed requests of a page, to assert a clean run.
 * A CSP refusal shows twice, as a `csp:` violation and as the browser's `console:` message.
 */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  for (const v of violations.get(page) ?? []) problems.push(`csp: ${describeViolation(v)}`);
  violationSinks.set(page, [
    ...(violationSinks.get(page) ?? []),
    (v) => problems.push(`csp: ${describeViolation(v)}`),
  ]);
  page.on('console', (msg) => {
    if (msg.type() === 'error' || isCspConsoleMessage(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) =>
    problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`),
  );
  return problems;
}
