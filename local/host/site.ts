/**
 * The local site: one HTTP server for the Jira REST API, the control API, webtriggers and the
 * Jira-like shell pages (DESIGN.md §4). Jira state lives in memory (a restart re-seeds it); KVS
 * state lives in `<dataDir>/kvs.sqlite` and survives restarts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createJiraSimulator } from '../jira/jira-server.js';
import type { JiraSimOptions, JiraSimulator } from '../jira/jira-server.js';
import { JiraSite } from '../jira/jira-site.js';
import { KvsEmulator } from '../kvs/kvs-emulator.js';
import { loadManifest } from '../runtime/manifest.js';
import type { Manifest } from '../runtime/manifest.js';
import { localJiraTransport, realJiraTransport } from '../runtime/product.js';
import type { ProductTransport } from '../runtime/product.js';
import { ForgeRuntime } from '../runtime/runtime.js';
import type { ForgeRuntimeOptions } from '../runtime/runtime.js';
import { createCdnRouter, createCspReportSink } from './cdn.js';
import { createControlApi, sendJson } from './control.js';
import { OrgAuditWebhooks } from './org-audit-webhooks.js';
import { installWorkflowValidators } from '../jira/workflows.js';

export const ROOT_DIR = fileURLToPath(new URL('../..', import.meta.url));

export type PageRouter = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
type CreatePageRouter = (deps: {
  manifest: Manifest;
  site: JiraSite;
  rootDir: string;
  appUrl: string;
  cdnUrl: string;
}) => PageRouter;

/** `reset()` emptied the store and re-seeded Jira, but the app's seed failed: the store holds what it wrote. */
export class SeedFailed extends Error {
  constructor(cause: string) {
    super(`The app's seed failed after the reset: ${cause}`);
    this.name = 'SeedFailed';
  }
}

export interface LocalSiteOptions {
  /** Default 4000; 0 picks a free port. */
  port?: number;
  /** The local Forge CDN's port (Custom UI resources, another origin): default `port + 1`, or free when `port` is 0. */
  cdnPort?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Where `kvs.sqlite` lives; default `<appDir>/.forge-local`. `':memory:'` keeps the KVS in memory. */
  dataDir?: string;
  jira?: Partial<JiraSimOptions>;
  quiet?: boolean;
  /** The app: `manifest.yml` and `src/`. Default: this repository. */
  appDir?: string;
  timeLimitsMs?: ForgeRuntimeOptions['timeLimitsMs'];
  /** Seeds the app's data on a fresh store and after `/__local/reset`. Default: `local/seed-app.ts`'s default export, if the file exists. `null`: none. */
  seedApp?: ((runtime: ForgeRuntime) => Promise<void>) | null;
  /** A real Jira site for the app's product requests; default from `JIRA_BASE_URL`, `JIRA_EMAIL`, `JIRA_API_TOKEN`. `null`: never. */
  realJira?: { baseUrl: string; email: string; apiToken: string } | null;
  /** Serves the shell pages; default `createPageRouter` of `local/host/pages.ts`, if the file exists. */
  pageRouter?: CreatePageRouter | null;
}

export interface LocalSite {
  url: string;
  port: number;
  /** The local Forge CDN, e.g. `http://127.0.0.1:4001`: serves the Custom UI resources (docs/local-platform.md). */
  cdnUrl: string;
  /** CSP violation reports the app's frames sent to the policy's report-uri. */
  cspReports: unknown[];
  site: JiraSite;
  kvs: KvsEmulator;
  jira: JiraSimulator;
  runtime: ForgeRuntime;
  manifest: Manifest;
  /** The organization's audit-log webhooks (`/__local/org/audit-log-webhooks`). */
  orgAudit: OrgAuditWebhooks;
  /** Jira back to the seed, KVS emptied, the app's seed run again (what `POST /__local/reset` does). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

function realJiraFromEnv(): LocalSiteOptions['realJira'] {
  const { JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN } = process.env;
  return JIRA_BASE_URL && JIRA_EMAIL && JIRA_API_TOKEN
    ? { baseUrl: JIRA_BASE_URL, email: JIRA_EMAIL, apiToken: JIRA_API_TOKEN }
    : null;
}

async function importDefault<T>(file: string, name: string): Promise<T | undefined> {
  if (!existsSync(file)) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const value = mod[name];
  if (typeof value !== 'function') throw new Error(`${file} has no export '${name}'`);
  return value as T;
}

export async function startLocalSite(opts: LocalSiteOptions = {}): Promise<LocalSite> {
  const appDir = resolve(opts.appDir ?? ROOT_DIR);
  const manifest = loadManifest(appDir);
  const dataDir = opts.dataDir ?? join(appDir, '.forge-local');
  let kvsFile = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    kvsFile = join(dataDir, 'kvs.sqlite');
  }
  const freshStore = kvsFile === ':memory:' || !existsSync(kvsFile);
  const log = (line: string) => {
    if (!opts.quiet) console.log(line);
  };

  const platformToken = randomBytes(24).toString('base64url');
  const site = new JiraSite();
  const jira = createJiraSimulator(site, { ...opts.jira, platformToken });
  const kvs = new KvsEmulator({ file: kvsFile, entities: manifest.entities });

  let selfUrl = ''; // what the runtime's product requests use: no name lookup, no IPv6/IPv4 guessing
  const real = opts.realJira === undefined ? realJiraFromEnv() : opts.realJira;
  const inner: ProductTransport = real
    ? realJiraTransport(real.baseUrl, real.email, real.apiToken)
    : {
        fetch: (principal, path, init) =>
          localJiraTransport(selfUrl, platformToken).fetch(principal, path, init),
      };
  if (real) log(`Real Jira mode: product requests go to ${real.baseUrl} as ${real.email} (every principal).`);
  const runtime = new ForgeRuntime({
    appDir,
    manifest,
    kvs,
    product: inner,
    timeLimitsMs: opts.timeLimitsMs,
  });

  const seedApp =
    opts.seedApp === null
      ? undefined
      : (opts.seedApp ??
        (await importDefault<(r: ForgeRuntime) => Promise<void>>(
          join(ROOT_DIR, 'local', 'seed-app.ts'),
          'default',
        )));

  async function reset(): Promise<void> {
    orgAudit.clear();
    site.reset();
    // Faults injected for a test must not outlive it (nor make the app's seed fail).
    jira.clearFaults();
    kvs.clearFaults();
    // Points spent by earlier work are Jira state too: the seed starts a fresh hourly budget.
    jira.points.clearSpent();
    kvs.clear();
    if (seedApp) {
      try {
        await seedApp(runtime);
      } catch (e) {
        throw new SeedFailed(e instanceof Error ? e.message : String(e));
      }
    }
    kvs.resetStats();
    jira.resetStats();
  }

  // A Jira admin added the app's workflow validators to the offboarding project's transitions.
  installWorkflowValidators(
    site,
    manifest.modules.filter((m) => m.kind === 'jira:workflowValidator' && m.function).map((m) => m.key),
    (moduleKey, args) => runtime.runWorkflowValidator(moduleKey, args),
  );
  const orgAudit = new OrgAuditWebhooks(site);
  const control = createControlApi({ manifest, site, kvs, jira, runtime, reset, orgAudit });
  const csp = createCspReportSink();
  let pages: PageRouter | undefined;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    void (async () => {
      if (await jira.handle(req, res)) return;
      if (await csp.handle(req, res, url)) return;
      if (await control(req, res, url)) return;
      if (pages && (await pages(req, res))) return;
      sendJson(res, 404, {
        error: { code: 'NOT_FOUND', message: `nothing at ${req.method ?? 'GET'} ${url.pathname}` },
      });
    })().catch((e: unknown) => {
      console.error('[forge-local] request failed:', e);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL', message: String(e) } });
      else res.destroy();
    });
  });

  // Keep idle connections open longer than fetch's (undici's 4 s) client-side keep-alive, so the client
  // always closes an idle socket first. Otherwise, after the event loop was busy (seeding 10,000
  // records), both ends time out at once and the runtime reuses a socket the server just reset.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(opts.port ?? 4000, opts.host ?? '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const siteUrl = `http://localhost:${port}`;
  selfUrl = `http://127.0.0.1:${port}`;
  runtime.siteUrl = siteUrl;
  if (!opts.jira?.baseUrl) jira.configure({ baseUrl: siteUrl });

  // The local Forge CDN: Custom UI resources from their own origin. Another host name as well as
  // another port (127.0.0.1, not localhost), so the shell's cookies never reach the app's frames.
  const cdn: { handle?: (req: IncomingMessage, res: ServerResponse) => Promise<void> } = {};
  const cdnServer = createServer((req, res) => {
    (cdn.handle ? cdn.handle(req, res) : Promise.reject(new Error('the CDN is not ready'))).catch(
      (e: unknown) => {
        console.error('[forge-local] CDN request failed:', e);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(String(e));
      },
    );
  });
  cdnServer.keepAliveTimeout = 65_000;
  const closeServers = () =>
    Promise.all(
      [server, cdnServer].map(
        (s) =>
          new Promise<void>((ok) => {
            if (!s.listening) return ok();
            s.close(() => ok());
            s.closeAllConnections();
          }),
      ),
    ).then(() => undefined);
  try {
    await new Promise<void>((ok, ko) => {
      cdnServer.once('error', ko);
      cdnServer.listen(opts.cdnPort ?? (opts.port === 0 ? 0 : port + 1), opts.host ?? '127.0.0.1', () =>
        ok(),
      );
    });
  } catch (e) {
    await closeServers();
    kvs.close();
    throw new Error(`The local Forge CDN could not listen: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
  const cdnUrl = `http://127.0.0.1:${(cdnServer.address() as AddressInfo).port}`;
  cdn.handle = createCdnRouter({ manifest, rootDir: appDir, siteUrl, cdnUrl });

  const close = () => closeServers().finally(() => kvs.close());

  try {
    const createPageRouter =
      opts.pageRouter === null
        ? undefined
        : (opts.pageRouter ??
          (await importDefault<CreatePageRouter>(
            join(ROOT_DIR, 'local', 'host', 'pages.ts'),
            'createPageRouter',
          )));
    pages = createPageRouter?.({ manifest, site, rootDir: appDir, appUrl: siteUrl, cdnUrl });
    if (freshStore && seedApp) await seedApp(runtime);
    kvs.resetStats();
    jira.resetStats();
  } catch (e) {
    await close();
    throw e;
  }

  return {
    url: siteUrl,
    port,
    cdnUrl,
    cspReports: csp.reports,
    site,
    kvs,
    jira,
    runtime,
    manifest,
    orgAudit,
    reset,
    close,
  };
}
