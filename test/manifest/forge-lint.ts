import { readFileSync } from 'node:fs';
import { StatsigReader } from '@forge/cli-shared';
import { lint, problemCount } from '@forge/lint';
import type { ManifestSchema } from '@forge/manifest';
import { parse } from 'yaml';

/** Feature gates are a network service; offline, every gate is off. */
class OfflineStatsig extends StatsigReader {
  checkGate() {
    return Promise.resolve(false);
  }
  getDynamicConfig() {
    return Promise.resolve(null);
  }
}

/** `lint` is typed for the CLI's StatsigService; it only calls the StatsigReader methods. */
const offlineStatsig = new OfflineStatsig() as unknown as Parameters<typeof lint>[4];

const FIXTURES = 'test/fixtures/forge-lint';

/** Points the permission linter at local copies of the product specs instead of the network. */
function useLocalSwagger() {
  process.env.USE_LOCAL_SWAGGER = '1';
  process.env.LOCAL_JIRA_SWAGGER = `${FIXTURES}/jira-paths-scopes.json`;
  for (const name of ['JSM', 'JSW', 'CONF', 'CONF_V2', 'BB']) {
    process.env[`LOCAL_${name}_SWAGGER`] = `${FIXTURES}/empty-paths.json`;
  }
}

export interface LintMessage {
  file: string;
  message: string;
  level: 'error' | 'warning';
}

/** Runs @forge/lint's client-side linters, as `forge lint` does, on `files` against `manifest`. */
export async function forgeLint(files: string[], manifest: ManifestSchema) {
  useLocalSwagger();
  const quiet = { info: () => {}, debug: () => {}, warn: () => {}, error: () => {}, trace: () => {} };
  const results = await lint(files, manifest, 'development', quiet, offlineStatsig, {
    linter: { mode: 'client-side' },
  });
  const messages: LintMessage[] = results.flatMap((r) => [
    ...r.errors.map((e) => ({ file: r.file, message: e.message, level: 'error' as const })),
    ...r.warnings.map((e) => ({ file: r.file, message: e.message, level: 'warning' as const })),
  ]);
  return { count: problemCount(results), messages };
}

export function readManifest(path = 'manifest.yml'): ManifestSchema {
  return parse(readFileSync(path, 'utf8')) as ManifestSchema;
}
