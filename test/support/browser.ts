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
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import type { LocalSite } from '../../local/host/site.js';

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

/**
 * A headless Chromium. Playwright gives every launch a fresh temporary profile (its own
 * `--user-data-dir`, removed on close); it refuses a `--user-data-dir` argument.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    headless: true,
    args: BROWSER_ARGS,
    timeout: 60_000,
  });
}

/** Builds started by this process, by surface. */
const builds = new Map<string, Promise<void>>();

/** Newest modification time under `dir` (skipping `skip` names), 0 if absent. */
function newest(dir: string, skip: Set<string>): number {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    // A file may go between the listing and the stat (test/lint writes and removes probe files).
    const mtime = entry.isDirectory()
      ? newest(path, skip)
      : (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    max = Math.max(max, mtime);
  }
  return max;
}

/**
 * Is `static/build/<surface>/index.html` missing, or older than any source it may be built from
 * (`static/`, whose shared folders several surfaces import, and the contract)?
 */
export function staticBuildStale(surface = 'admin'): boolean {
  const index = join(ROOT_DIR, 'static', 'build', surface, 'index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(
    newest(join(ROOT_DIR, 'static'), new Set(['build', 'node_modules'])),
    newest(join(ROOT_DIR, 'src', 'contract'), new Set()),
  );
  return sources > statSync(index).mtimeMs;
}

/**
 * `vite build` of the given surfaces that are missing or stale, once per process. Only those are built
 * (`SURFACES`), so a test of one surface never waits for, or fails on, another.
 */
export function ensureStaticBuild(surfaces: readonly string[] = ['admin']): Promise<void> {
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

/** The local site on an ephemeral port with a throwaway data directory, static/ built. */
export async function startSiteForBrowser(): Promise<LocalSite & { dataDir: string }> {
  await ensureStaticBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'forge-local-site-'));
  const { startLocalSite } = await import('../../local/host/site.js');
  const site = await startLocalSite({ port: 0, dataDir, quiet: true });
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

/** Console errors and failed requests of a page, to assert a clean run. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) =>
    problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`),
  );
  return problems;
}
