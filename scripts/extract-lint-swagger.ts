/**
 * Extracts, from Atlassian's Jira Cloud platform OpenAPI document, what @forge/lint's permission
 * linter reads: every path and method with its `security` and `x-atlassian-oauth2-scopes`.
 * Usage: npx tsx scripts/extract-lint-swagger.ts [../shared/jira-platform-openapi.json]
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const source = process.argv[2] ?? '../shared/jira-platform-openapi.json';
const raw = readFileSync(source);
const spec = JSON.parse(raw.toString()) as {
  info: { version: string };
  paths: Record<string, Record<string, Record<string, unknown>>>;
};
const KEPT = ['security', 'x-atlassian-oauth2-scopes'];
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

const paths: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, item] of Object.entries(spec.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    if (!METHODS.has(method)) continue;
    (paths[path] ??= {})[method] = Object.fromEntries(
      KEPT.filter((k) => k in operation).map((k) => [k, operation[k]]),
    );
  }
}
const out = 'test/fixtures/forge-lint/jira-paths-scopes.json';
writeFileSync(
  out,
  JSON.stringify({
    info: {
      description:
        'Derived from Atlassian swagger-v3.v3.json: paths, methods, security and OAuth2 scopes only.',
      sourceVersion: spec.info.version,
      sourceSha256: createHash('sha256').update(raw).digest('hex'),
    },
    paths,
  }),
);
console.log(`wrote ${out}: ${Object.keys(paths).length} paths`);
