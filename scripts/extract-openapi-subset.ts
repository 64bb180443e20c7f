/**
 * Extracts from Atlassian's Jira Cloud platform OpenAPI document only the operations the local Jira
 * simulator (`local/jira/`) serves, plus every component they reference (transitively), into
 * `test/fixtures/jira-openapi/jira-openapi-subset.json`, and records where it came from in
 * `PROVENANCE.md`. Tests validate simulator responses against the subset, so they never need the
 * 2.4 MB source (which lives outside the repo).
 *
 * Usage: npx tsx scripts/extract-openapi-subset.ts [source.json]   (default ../shared/jira-platform-openapi.json)
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** path → methods the simulator implements. */
export const SUBSET_OPERATIONS: Record<string, string[]> = {
  '/rest/api/3/myself': ['get'],
  '/rest/api/3/user': ['get'],
  '/rest/api/3/user/bulk': ['get'],
  '/rest/api/3/users/search': ['get'],
  '/rest/api/3/users': ['get'],
  '/rest/api/3/user/search': ['get'],
  '/rest/api/3/user/groups': ['get'],
  '/rest/api/3/group/member': ['get'],
  '/rest/api/3/mypermissions': ['get'],
  '/rest/api/3/permissions/check': ['post'],
  '/rest/api/3/issue': ['post'],
  '/rest/api/3/issue/{issueIdOrKey}': ['get'],
  '/rest/api/3/issue/{issueIdOrKey}/notify': ['post'],
  '/rest/api/3/search/approximate-count': ['post'],
  '/rest/api/3/issue/{issueIdOrKey}/comment': ['get', 'post'],
  '/rest/api/3/issue/{issueIdOrKey}/watchers': ['get', 'post'],
  '/rest/api/3/issue/{issueIdOrKey}/transitions': ['get', 'post'],
  '/rest/api/3/status/{idOrName}': ['get'],
  '/rest/api/3/field': ['get'],
  '/rest/api/3/groups/picker': ['get'],
  '/rest/api/3/group/bulk': ['get'],
};

/** The repository snapshot the source document was taken from (FORGE-FACTS.md header). */
const SOURCE_REPO = 'jarekbird/jira-api-mcp-wrapper';
const SOURCE_COMMIT = '9a9e84dacce9900b0bd4f1f095f5f1bdf3ce0168';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every `#/components/<section>/<name>` reference inside `node`. */
function collectRefs(node: Json, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, found);
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.add(value);
      else collectRefs(value, found);
    }
  }
}

export function extractSubset(spec: JsonObject): JsonObject {
  const sourcePaths = spec.paths;
  const sourceComponents = spec.components;
  if (!isObject(sourcePaths) || !isObject(sourceComponents)) throw new Error('not an OpenAPI 3 document');

  const paths: JsonObject = {};
  for (const [path, methods] of Object.entries(SUBSET_OPERATIONS)) {
    const item = sourcePaths[path];
    if (!isObject(item)) throw new Error(`source has no path ${path}`);
    const kept: JsonObject = {};
    if (item.parameters !== undefined) kept.parameters = item.parameters;
    for (const method of methods) {
      const op = item[method];
      if (!isObject(op)) throw new Error(`source has no ${method.toUpperCase()} ${path}`);
      kept[method] = op;
    }
    paths[path] = kept;
  }

  // Transitive closure over component references, starting from the kept operations.
  const components: Record<string, JsonObject> = {};
  const pending = new Set<string>();
  collectRefs(paths, pending);
  const done = new Set<string>();
  while (pending.size > 0) {
    const [ref] = pending;
    if (ref === undefined) break;
    pending.delete(ref);
    if (done.has(ref)) continue;
    done.add(ref);
    const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
    if (!match) throw new Error(`unsupported $ref ${ref}`);
    const [, section = '', name = ''] = match;
    const sectionObj = sourceComponents[section];
    const target = isObject(sectionObj) ? sectionObj[name] : undefined;
    if (target === undefined) throw new Error(`dangling $ref ${ref}`);
    (components[section] ??= {})[name] = target;
    const inner = new Set<string>();
    collectRefs(target, inner);
    for (const r of inner) if (!done.has(r)) pending.add(r);
  }

  // Sorted keys so that re-running the script gives a byte-identical file.
  const sortedComponents: JsonObject = {};
  for (const section of Object.keys(components).sort()) {
    const entries = components[section] ?? {};
    sortedComponents[section] = Object.fromEntries(
      Object.keys(entries)
        .sort()
        .map((n) => [n, entries[n] ?? null]),
    );
  }
  // Operations name their security schemes (not by $ref); keep them so the document stays valid.
  if (sourceComponents.securitySchemes !== undefined)
    sortedComponents.securitySchemes = sourceComponents.securitySchemes;
  const { openapi = '3.0.1', info = {}, servers = [] } = spec;
  return { openapi, info, servers, paths, components: sortedComponents };
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const sourceFile = resolve(process.argv[2] ?? resolve(root, '../shared/jira-platform-openapi.json'));
  const raw = readFileSync(sourceFile);
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const spec = JSON.parse(raw.toString('utf8')) as JsonObject;
  const subset = extractSubset(spec);

  const outDir = resolve(root, 'test/fixtures/jira-openapi');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, 'jira-openapi-subset.json'), JSON.stringify(subset, null, 2) + '\n');

  const info = isObject(spec.info) ? spec.info : {};
  const schemaCount =
    isObject(subset.components) && isObject(subset.components.schemas)
      ? Object.keys(subset.components.schemas).length
      : 0;
  const operations = Object.entries(SUBSET_OPERATIONS)
    .map(([path, methods]) => `- ${methods.map((m) => m.toUpperCase()).join(', ')} \`${path}\``)
    .join('\n');
  const provenance = `# Provenance of \`jira-openapi-subset.json\`

Generated by \`scripts/extract-openapi-subset.ts\`; do not edit by hand. Re-run with
\`npx tsx scripts/extract-openapi-subset.ts <path to swagger-v3.v3.json>\`.

| | |
|---|---|
| Source | Atlassian's Jira Cloud platform REST API OpenAPI document \`swagger-v3.v3.json\` (\`https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json\`) |
| Copy used | \`${SOURCE_REPO}\` @ \`${SOURCE_COMMIT}\` (as cited in FORGE-FACTS.md), kept as \`shared/jira-platform-openapi.json\` |
| \`info.version\` | \`${typeof info.version === 'string' ? info.version : 'unknown'}\` |
| sha256 of the source file | \`${sha256}\` |
| Extracted on | ${new Date().toISOString().slice(0, 10)} |
| Components kept | ${schemaCount} schemas (every one the operations below reference, transitively) |

## Operations kept (verbatim, with all their parameters, request bodies and responses)

${operations}

All other paths and operations of the source are dropped; nothing inside the kept operations or
components is changed.
`;
  writeFileSync(resolve(outDir, 'PROVENANCE.md'), provenance);
  console.warn(
    `wrote ${Object.keys(SUBSET_OPERATIONS).length} paths, ${schemaCount} schemas, source sha256 ${sha256}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
