/**
 * The local Forge CDN: the second origin of the local site, which serves the Custom UI resources the
 * way Forge's CDN does (docs/local-platform.md, "Theming and CSP"):
 *
 *   GET /<appId>/<envId>/<resourceKey>/<file>    a manifest resource's files; every `.html` gets the
 *                                                bridge script prepended to <head> and the CSP that
 *                                                Atlassian's @forge/csp computes for it
 *   GET /__forge/global-bridge.js                the bridge client (Forge: forge.cdn…/global-bridge.js)
 *   GET /__forge/atlaskit-tokens_<themeId>.css   a design-token theme of @atlaskit/tokens, as a file
 *
 * The shell (the Jira site) is another origin; the two talk by postMessage only.
 */
import { createRequire } from 'node:module';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import { load } from 'cheerio';
import type { Manifest } from '../runtime/manifest.js';
import { LOCAL_IDS } from '../runtime/runtime.js';
import { browserScript } from './browser-script.js';
import { missingBuildPage } from './shell/missing-build-page.js';

/** Forge's platform files, served from the CDN origin (production: https://forge.cdn.prod.atlassian-dev.net/). */
export const FORGE_FILES_PREFIX = '/__forge/';
export const BRIDGE_SCRIPT_FILE = 'global-bridge.js';
/** The environment `@forge/csp` computes the policy for (what a production installation gets). */
export const CSP_MICROS_ENV = 'prod';
/** Where Forge's policy sends reports; the one source the local site rewrites (to its own sink). */
export const FORGE_CSP_REPORT_URI =
  'https://web-security-reports.services.atlassian.com/csp-report/forge-cdn';
export const CSP_REPORT_PATH = '/__local/csp-report';
export const CSP_REPORTS_PATH = '/__local/csp-reports';

/** The iframe sandbox Forge gives Custom UI (developer.atlassian.com/platform/forge/custom-ui/iframe/). */
export const FORGE_IFRAME_SANDBOX =
  'allow-downloads allow-forms allow-modals allow-pointer-lock allow-same-origin allow-scripts';
/** The iframe's feature policies (same page). */
export const FORGE_IFRAME_ALLOW = 'camera; clipboard-write; display-capture; fullscreen; microphone';

export type ColorMode = 'light' | 'dark';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

// ------------------------------------------------------------------ addresses

/** Path of a resource's folder on the CDN: `/<appId>/<envId>/<resourceKey>/`. */
export function resourcePath(manifest: Manifest, resourceKey: string): string {
  return `/${encodeURIComponent(manifest.appId)}/${LOCAL_IDS.environmentId}/${encodeURIComponent(resourceKey)}/`;
}

/** `localhost:4000` of `http://localhost:4000`: the bare host Forge passes to @forge/csp as `hostname`. */
export function cspHostname(siteUrl: string): string {
  return new URL(siteUrl).host;
}

// ------------------------------------------------------------------ the policy (Atlassian's @forge/csp)

/**
 * The Content-Security-Policy Forge serves with this HTML, computed by `@forge/csp` exactly as
 * `forge tunnel` does (`@forge/tunnel` 7.1.0, resource-tunnel-server.js) but for production
 * (`microsEnv: 'prod'`, no tunnel reporter): getCspDetails(html, permissions) → getInjectableCSP.
 */
export function forgeCsp(html: string, permissions: unknown, hostname: string): string {
  const details = new CSPProcessingService({ info: () => undefined }, load).getCspDetails(
    html,
    permissions ?? {},
  );
  return new CSPInjectionService()
    .getInjectableCSP({ existingCSPDetails: details, microsEnv: CSP_MICROS_ENV, hostname })
    .join('; ');
}

/** `policy` with its report-uri pointed at `reportUri` (the only change the local site makes). */
export function withLocalReportUri(policy: string, reportUri: string): string {
  const from = `report-uri ${FORGE_CSP_REPORT_URI}`;
  if (!policy.includes(from)) {
    throw new Error(`@forge/csp no longer reports to ${FORGE_CSP_REPORT_URI}: update local/host/cdn.ts`);
  }
  return policy.replace(from, `report-uri ${reportUri}`);
}

/**
 * `html` with `<script src>` prepended to `<head>`, as Forge's `BridgeScriptService.injectBridgeCore`
 * (`@forge/cli-shared`) does it: through cheerio, creating `<head>` if there is none.
 */
export function injectBridgeScript(html: string, src: string): string {
  const $ = load(html, { xml: { xmlMode: false } });
  if ($('html').length === 0) throw new Error('Malformed HTML document');
  let head = $('head');
  if (head.length === 0) {
    $('html').prepend('<head></head>');
    head = $('head');
  }
  head.prepend(`<script src="${src.replace(/"/g, '&quot;')}"></script>`);
  return $.html();
}

// ------------------------------------------------------------------ design-token themes (@atlaskit/tokens)

const require = createRequire(import.meta.url);

interface TokensThemeConfig {
  themeConfig: Record<string, { id: string }>;
}

/** Theme id → module of `@atlaskit/tokens/dist/cjs/artifacts/themes/` (e.g. `dark` → `atlassian-dark`). */
function themeModules(): Map<string, string> {
  const { themeConfig } = require('@atlaskit/tokens/dist/cjs/theme-config.js') as TokensThemeConfig;
  return new Map(Object.entries(themeConfig).map(([file, c]) => [c.id, file]));
}

const themeCss = new Map<string, string>();

/** The CSS of one token theme (`light`, `dark`, `spacing`, ...), or undefined for an unknown id. */
export function tokenThemeCss(themeId: string): string | undefined {
  const cached = themeCss.get(themeId);
  if (cached !== undefined) return cached;
  const file = themeModules().get(themeId);
  if (!file) return undefined;
  const css = (require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${file}.js`) as { default: string })
    .default;
  themeCss.set(themeId, css);
  return css;
}

/**
 * What the host applies on `enableTheming`: the `data-theme` of @atlaskit/tokens' default theme
 * state, and per colour mode the theme ids `setGlobalTheme` would load (getThemePreferences, no
 * increased contrast): the colour theme, then shape, spacing, typography, motion.
 */
export function themeSetup(): { dataTheme: string; stylesheets: Record<ColorMode, string[]> } {
  const { themeObjectToString } = require('@atlaskit/tokens/dist/cjs/theme-object-to-string.js') as {
    themeObjectToString: (state: Record<string, string>) => string;
  };
  const { themeStateDefaults: d } = require('@atlaskit/tokens/dist/cjs/theme-state-defaults.js') as {
    themeStateDefaults: Record<'dark' | 'light' | 'shape' | 'spacing' | 'typography', string> & {
      motion: () => string;
    };
  };
  const rest = [d.shape, d.spacing, d.typography, d.motion()];
  return {
    dataTheme: themeObjectToString({
      dark: d.dark,
      light: d.light,
      motion: d.motion(),
      shape: d.shape,
      spacing: d.spacing,
      typography: d.typography,
    }),
    stylesheets: { light: [d.light, ...rest], dark: [d.dark, ...rest] },
  };
}

// ------------------------------------------------------------------ CSP reports

export interface CspReportSink {
  /** Reports received (newest last, at most 1,000). */
  readonly reports: unknown[];
  /** `POST /__local/csp-report` (the policy's report-uri) and `GET /__local/csp-reports`. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

export function createCspReportSink(): CspReportSink {
  const reports: unknown[] = [];
  return {
    reports,
    async handle(req, res, url) {
      if (url.pathname === CSP_REPORT_PATH && req.method === 'POST') {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of req as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > 64 * 1024) break;
          chunks.push(chunk);
        }
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { 'csp-report'?: unknown };
          reports.push(body['csp-report'] ?? body);
          if (reports.length > 1000) reports.shift();
        } catch {
          /* not JSON: nothing to keep */
        }
        res.writeHead(204).end();
        return true;
      }
      if (url.pathname === CSP_REPORTS_PATH && req.method === 'GET') {
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(JSON.stringify({ reports }));
        return true;
      }
      return false;
    },
  };
}

// ------------------------------------------------------------------ the server

export interface CdnDeps {
  manifest: Manifest;
  /** The app's directory: manifest resource paths are relative to it. */
  rootDir: string;
  /** The shell's URL, e.g. `http://localhost:4000`: the only window the bridge talks to. */
  siteUrl: string;
  /** This CDN's own URL, e.g. `http://127.0.0.1:4001`. */
  cdnUrl: string;
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  method: string,
  headers: Record<string, string> = {},
): void {
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    'content-type': type,
    'content-length': String(payload.length),
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(method === 'HEAD' ? undefined : payload);
}

export function createCdnRouter(deps: CdnDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const hostname = cspHostname(deps.siteUrl);
  const reportUri = `${deps.siteUrl}${CSP_REPORT_PATH}`;
  const bridgeUrl = `${deps.cdnUrl}${FORGE_FILES_PREFIX}${BRIDGE_SCRIPT_FILE}`;
  const prelude = `const FORGE_LOCAL = ${JSON.stringify({
    hostOrigin: new URL(deps.siteUrl).origin,
    forgeFiles: `${deps.cdnUrl}${FORGE_FILES_PREFIX}`,
  })};\n`;
  const appPrefix = `/${encodeURIComponent(deps.manifest.appId)}/${LOCAL_IDS.environmentId}/`;
  const text = 'text/plain; charset=utf-8';

  async function serveResource(res: ServerResponse, rest: string, method: string): Promise<void> {
    const slash = rest.indexOf('/');
    let key: string;
    let file: string;
    try {
      key = decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash));
      file = decodeURIComponent(slash < 0 ? '' : rest.slice(slash + 1));
    } catch {
      send(res, 400, text, 'Bad path.', method);
      return;
    }
    const resource = deps.manifest.resources.find((r) => r.key === key);
    if (!resource) {
      send(res, 404, text, `No resource '${key}' in manifest.yml.`, method);
      return;
    }
    const root = resolve(deps.rootDir, resource.path);
    if (file === '' || file.endsWith('/')) file += 'index.html';
    const target = resolve(root, normalize(file).replace(/^([/\\])+/, ''));
    if (target !== root && !target.startsWith(root + sep)) {
      send(res, 403, text, 'Outside the resource.', method);
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(target);
    } catch {
      const indexMissing = await stat(join(root, 'index.html')).then(
        () => false,
        () => true,
      );
      if (indexMissing) {
        send(res, 503, 'text/html; charset=utf-8', missingBuildPage(key, resource.path), method, {
          'retry-after': '5',
          'cache-control': 'no-store',
        });
      } else {
        send(res, 404, text, `No file '${file}' in resource '${key}'.`, method);
      }
      return;
    }
    const ext = extname(target).toLowerCase();
    const type = CONTENT_TYPES[ext] ?? 'application/octet-stream';
    if (ext !== '.html') {
      // Hashed assets may be cached; they are revalidated so a rebuild shows at once.
      send(res, 200, type, body, method, { 'cache-control': 'no-cache' });
      return;
    }
    const html = injectBridgeScript(body.toString('utf8'), bridgeUrl);
    const policy = withLocalReportUri(forgeCsp(html, deps.manifest.raw.permissions, hostname), reportUri);
    send(res, 200, type, html, method, {
      'cache-control': 'no-store',
      'content-security-policy': policy,
    });
  }

  return async (req, res) => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    if (method !== 'GET' && method !== 'HEAD') {
      send(res, 405, text, 'The CDN serves files only (GET, HEAD).', method, { allow: 'GET, HEAD' });
      return;
    }
    if (path === `${FORGE_FILES_PREFIX}${BRIDGE_SCRIPT_FILE}`) {
      send(
        res,
        200,
        'text/javascript; charset=utf-8',
        await browserScript('bridge-client.ts', prelude),
        method,
        {
          'cache-control': 'no-cache',
        },
      );
      return;
    }
    const theme = new RegExp(`^${FORGE_FILES_PREFIX}atlaskit-tokens_([A-Za-z0-9-]+)\\.css$`).exec(path);
    if (theme) {
      const css = tokenThemeCss(theme[1] ?? '');
      if (css === undefined) send(res, 404, text, `No token theme '${theme[1]}'.`, method);
      else send(res, 200, 'text/css; charset=utf-8', css, method, { 'cache-control': 'no-cache' });
      return;
    }
    if (path.startsWith(appPrefix)) {
      await serveResource(res, path.slice(appPrefix.length), method);
      return;
    }
    send(res, 404, text, `Nothing at ${path} on the local Forge CDN.`, method);
  };
}
