/**
 * The local Forge CDN (local/host/cdn.ts; docs/local-platform.md, "Theming and CSP"): Custom UI
 * resources from their own origin, the policy Atlassian's @forge/csp computes, Forge's iframe
 * sandbox, the bridge script and the design-token stylesheets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { themeSetup } from '../../local/host/cdn.js';
import { startLocalSite } from '../../local/host/site.js';
import type { LocalSite } from '../../local/host/site.js';
import { LOCAL_IDS } from '../../local/runtime/runtime.js';

const APP_DIR = fileURLToPath(new URL('../fixtures/csp-app', import.meta.url));
const FORGE_SANDBOX = [
  'allow-downloads',
  'allow-forms',
  'allow-modals',
  'allow-pointer-lock',
  'allow-same-origin',
  'allow-scripts',
];

let local: LocalSite;
let dataDir: string;

/** The `<iframe>` tags of a shell page, with their attributes. */
async function shellFrames(path: string): Promise<Record<string, string>[]> {
  const html = await (await fetch(`${local.url}${path}`)).text();
  const $ = load(html);
  return $('iframe[data-forge-frame]')
    .toArray()
    .map((el) => ({ ...el.attribs }));
}

const resourceUrl = (key: string, file = 'index.html') =>
  `${local.cdnUrl}/${local.manifest.appId}/${LOCAL_IDS.environmentId}/${key}/${file}`;

/** A GET with the path sent as written (fetch would resolve `..`). */
function rawGet(base: string, path: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'forge-local-cdn-'));
  local = await startLocalSite({
    port: 0,
    dataDir,
    appDir: APP_DIR,
    quiet: true,
    seedApp: null,
    realJira: null,
  });
});

afterAll(async () => {
  await local?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('local Forge CDN', () => {
  it('puts every Custom UI iframe on the CDN origin, never the shell’s, inside Forge’s sandbox', async () => {
    const shell = new URL(local.url);
    const cdn = new URL(local.cdnUrl);
    expect(cdn.origin).not.toBe(shell.origin);
    // Another host as well as another port: browsers scope cookies by host, so the shell's stay home.
    expect(cdn.hostname).not.toBe(shell.hostname);

    const frames = await shellFrames(
      `/jira/settings/apps/${local.manifest.appId}/${LOCAL_IDS.environmentId}`,
    );
    expect(frames.map((f) => f['data-forge-frame']).sort()).toEqual([
      'csp-admin-frame',
      'csp-background-background',
    ]);
    for (const f of frames) {
      const src = new URL(f.src ?? '');
      expect(src.origin).toBe(cdn.origin);
      expect(f.sandbox?.split(' ').sort()).toEqual(FORGE_SANDBOX);
      expect(f.allow).toBe('camera; clipboard-write; display-capture; fullscreen; microphone');
    }
    const admin = frames.find((f) => f['data-forge-frame'] === 'csp-admin-frame');
    expect(new URL(admin?.src ?? '').pathname).toBe(
      `/${local.manifest.appId}/${LOCAL_IDS.environmentId}/main/index.html`,
    );

    // The shell itself serves no resource file.
    expect((await fetch(`${local.url}/__local/resources/main/index.html`)).status).toBe(404);

    // The shell under another name (the frames would refuse it) sends the browser to its address.
    const other = await fetch(`http://127.0.0.1:${shell.port}/browse/OFF-1?theme=dark`, {
      redirect: 'manual',
    });
    expect(other.status).toBe(307);
    expect(other.headers.get('location')).toBe(`${local.url}/browse/OFF-1?theme=dark`);
  });

  it('serves index.html with the CSP that @forge/csp computes for it and the manifest’s permissions', async () => {
    const res = await fetch(resourceUrl('main'));
    expect(res.status).toBe(200);
    const html = await res.text();
    const header = res.headers.get('content-security-policy') ?? '';

    // What Forge computes for the HTML as served (after injection), called as `forge tunnel` does, for prod.
    const details = new CSPProcessingService({ info: () => undefined }, load).getCspDetails(
      html,
      local.manifest.raw.permissions as never,
    );
    const forge = new CSPInjectionService()
      .getInjectableCSP({ existingCSPDetails: details, microsEnv: 'prod', hostname: new URL(local.url).host })
      .join('; ');
    // The one local change: reports go to the local site.
    expect(header).toBe(
      forge.replace(
        'report-uri https://web-security-reports.services.atlassian.com/csp-report/forge-cdn',
        `report-uri ${local.url}/__local/csp-report`,
      ),
    );

    const directives = new Map(
      header.split('; ').map((d) => {
        const [name = '', ...sources] = d.split(' ');
        return [name, sources];
      }),
    );
    expect(directives.get('style-src')).not.toContain("'unsafe-inline'");
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(directives.get('script-src')).not.toContain("'unsafe-eval'");
    expect(directives.get('style-src')?.slice(0, 3)).toEqual([
      "'self'",
      new URL(local.url).host,
      'https://forge.cdn.prod.atlassian-dev.net',
    ]);
    // The inline script of the built page is hashed in; the manifest's image host is allowed.
    expect(directives.get('script-src')?.some((s) => /^'sha256-[A-Za-z0-9+/=]{44}'$/.test(s))).toBe(true);
    expect(directives.get('img-src')).toContain('https://images.example.com');
    // The policy's own sandbox is wider than the iframe's (popups); the browser applies both.
    expect(directives.get('sandbox')).toEqual([
      'allow-popups',
      'allow-popups-to-escape-sandbox',
      ...FORGE_SANDBOX,
    ]);
    expect(directives.get('frame-ancestors')).toContain(new URL(local.url).host);
  });

  it('prepends the bridge script to <head>, from the CDN, as Forge prepends global-bridge.js', async () => {
    const $ = load(await (await fetch(resourceUrl('main'))).text());
    const first = $('head').children().first();
    expect(first.prop('tagName')).toBe('SCRIPT');
    expect(first.attr('src')).toBe(`${local.cdnUrl}/__forge/global-bridge.js`);
    expect($('script:not([src])').length).toBe(1); // the page's own inline script, nothing injected inline

    const bridge = await fetch(`${local.cdnUrl}/__forge/global-bridge.js`);
    expect(bridge.headers.get('content-type')).toMatch(/^text\/javascript/);
    const code = await bridge.text();
    expect(code).toContain(`"hostOrigin":"${new URL(local.url).origin}"`);
    expect(code).toContain('window.__bridge');
    expect(code).not.toMatch(/window\.parent\.(document|location)|document\.cookie|localStorage/);
  });

  it('serves assets without a policy, and refuses what is not a resource file', async () => {
    const css = await fetch(resourceUrl('main', 'app.css'));
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('--ds-text');

    expect((await fetch(resourceUrl('nope'))).status).toBe(404);
    expect((await fetch(resourceUrl('main', 'missing.js'))).status).toBe(404);
    const unbuilt = await fetch(resourceUrl('unbuilt'));
    expect(unbuilt.status).toBe(503);
    expect(await unbuilt.text()).toMatch(/npm run build/);
    expect((await fetch(resourceUrl('main'), { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${local.cdnUrl}/elsewhere`)).status).toBe(404);
    const base = `/${local.manifest.appId}/${LOCAL_IDS.environmentId}/main/`;
    expect([403, 404]).toContain(await rawGet(local.cdnUrl, `${base}../../../../manifest.yml`));
    expect([403, 404]).toContain(await rawGet(local.cdnUrl, `${base}%2e%2e/%2e%2e/%2e%2e/manifest.yml`));
  });

  it('serves the design-token themes enableTheming links, as stylesheet files from @atlaskit/tokens', async () => {
    const setup = themeSetup();
    expect(setup.stylesheets).toEqual({
      light: ['light', 'shape', 'spacing', 'typography', 'motion'],
      dark: ['dark', 'shape', 'spacing', 'typography', 'motion'],
    });
    expect(setup.dataTheme).toBe(
      'dark:dark light:light motion:motion shape:shape spacing:spacing typography:typography',
    );

    const require = createRequire(import.meta.url);
    for (const id of new Set([...setup.stylesheets.light, ...setup.stylesheets.dark])) {
      const res = await fetch(`${local.cdnUrl}/__forge/atlaskit-tokens_${id}.css`);
      expect(res.status, id).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
      const css = await res.text();
      const own = (
        require(`@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-${id}.js`) as { default: string }
      ).default;
      expect(css).toBe(own);
    }
    const dark = await (await fetch(`${local.cdnUrl}/__forge/atlaskit-tokens_dark.css`)).text();
    expect(dark).toContain('html[data-color-mode="dark"][data-theme~="dark:dark"]');
    expect(dark).toMatch(/--ds-text: #[0-9A-Fa-f]{6}/);
    expect((await fetch(`${local.cdnUrl}/__forge/atlaskit-tokens_nope.css`)).status).toBe(404);
  });

  it('keeps the CSP reports the policy sends to its report-uri', async () => {
    const report = {
      'csp-report': {
        'document-uri': resourceUrl('main'),
        'violated-directive': 'style-src-elem',
        'blocked-uri': 'inline',
      },
    };
    const res = await fetch(`${local.url}/__local/csp-report`, {
      method: 'POST',
      headers: { 'content-type': 'application/csp-report' },
      body: JSON.stringify(report),
    });
    expect(res.status).toBe(204);
    expect(local.cspReports).toContainEqual(report['csp-report']);
    const list = (await (await fetch(`${local.url}/__local/csp-reports`)).json()) as { reports: unknown[] };
    expect(list.reports).toContainEqual(report['csp-report']);
  });
});
