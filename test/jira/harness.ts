/** Starts the Jira simulator on an ephemeral port; every answer is checked against the OpenAPI subset. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { JiraSite } from '../../local/jira/jira-site';
import { createJiraSimulator } from '../../local/jira/jira-server';
import type { JiraSimOptions, JiraSimulator } from '../../local/jira/jira-server';
import { LOCAL_DEV_TOKEN } from '../../local/jira/seed';
import { OpenApiValidator } from './openapi-validator';

export const PLATFORM_TOKEN = 'test-platform-token';

export type Credentials = { email: string; token?: string } | { bearer: string; principal?: string } | 'none';

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export interface CallOptions {
  as?: Credentials;
  body?: unknown;
  /** Skip the OpenAPI check (for deliberately off-spec requests such as unknown paths). */
  validate?: boolean;
  headers?: Record<string, string>;
}

export interface JiraHarness {
  url: string;
  site: JiraSite;
  jira: JiraSimulator;
  validator: OpenApiValidator;
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  close(): Promise<void>;
}

let sharedValidator: OpenApiValidator | undefined;

export function authHeader(as: Credentials): Record<string, string> {
  if (as === 'none') return {};
  if ('email' in as) {
    const basic = Buffer.from(`${as.email}:${as.token ?? LOCAL_DEV_TOKEN}`).toString('base64');
    return { authorization: `Basic ${basic}` };
  }
  return {
    authorization: `Bearer ${as.bearer}`,
    ...(as.principal !== undefined && { 'x-forge-principal': as.principal }),
  };
}

export async function startJira(options: Partial<JiraSimOptions> = {}): Promise<JiraHarness> {
  const site = new JiraSite();
  const jira = createJiraSimulator(site, { platformToken: PLATFORM_TOKEN, ...options });
  const server = http.createServer((req, res) => {
    jira.handle(req, res).then(
      (handled) => {
        if (!handled) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('not the Jira API');
        }
      },
      (error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const validator = (sharedValidator ??= new OpenApiValidator());

  async function call(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...authHeader(options.as ?? { email: 'admin@example.com' }),
      ...options.headers,
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url + path, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await response.text();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    if (options.validate !== false) validator.assertResponse({ method, path, status: response.status, body });
    return { status: response.status, headers: response.headers, body, text };
  }

  return {
    url,
    site,
    jira,
    validator,
    call,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
