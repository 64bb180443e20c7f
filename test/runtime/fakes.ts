/** Stand-ins for the KVS emulator and the Jira transport, for unit tests of the runtime. */
import { fileURLToPath } from 'node:url';
import { loadManifest } from '../../local/runtime/manifest.js';
import type { Principal, ProductTransport } from '../../local/runtime/product.js';
import type { KvsBackend } from '../../local/runtime/runtime.js';

export const FIXTURE_APP_DIR = fileURLToPath(new URL('../fixtures/runtime-app', import.meta.url));
export const fixtureManifest = () => loadManifest(FIXTURE_APP_DIR);

/** Enough of the /api/v1 protocol for kvs.get/set: a Map. */
export class FakeKvs implements KvsBackend {
  readonly data = new Map<string, unknown>();
  readonly paths: string[] = [];
  fetch(path: string, init?: RequestInit): Promise<Response> {
    this.paths.push(path);
    const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as {
      key: string;
      value?: unknown;
    };
    if (path === '/api/v1/set') {
      this.data.set(body.key, body.value);
      return Promise.resolve(new Response(null, { status: 204 }));
    }
    if (path === '/api/v1/get') {
      return Promise.resolve(Response.json({ key: body.key, value: this.data.get(body.key) }));
    }
    return Promise.resolve(Response.json({ code: 'UNSUPPORTED', message: path }, { status: 400 }));
  }
}

/** Answers `/rest/api/3/myself` with the principal's account id after `delayMs`. */
export class FakeJira implements ProductTransport {
  static readonly APP_ACCOUNT = 'app-account-id';
  readonly calls: { principal: Principal; path: string }[] = [];
  constructor(private readonly delayMs = 5) {}
  async fetch(principal: Principal, path: string): Promise<Response> {
    this.calls.push({ principal, path });
    await new Promise((r) => setTimeout(r, this.delayMs));
    const accountId = principal.kind === 'app' ? FakeJira.APP_ACCOUNT : principal.accountId;
    return Response.json({ accountId });
  }
}
