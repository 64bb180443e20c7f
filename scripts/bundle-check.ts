/**
 * Bundles the backend exactly as `forge deploy` does — Atlassian's `@forge/bundler` (the version
 * `@forge/cli` depends on), driven by the CLI's own manifest reader (`ConfigFile.getAppHandlers`) and
 * `getEntryPoints` — offline and without a login, then checks the result:
 *
 *   - 0 bundler errors (TypeScript errors included: ts-loader compiles src/ with tsconfig.json);
 *   - every `function[].handler` of manifest.yml (`<file>.<export>`) is a function exported by the
 *     bundled `<file>.cjs`, and the bundle exports nothing the manifest does not name;
 *   - the runtime wrapper (`__forge__.cjs`) is part of the upload.
 *
 *   npm run bundle:check            (prints the time, the files and their sizes; exit 1 on any failure)
 *
 * The only thing not Atlassian's is the runtime wrapper script: `forge deploy` downloads it from
 * Atlassian's CDN (NetworkWrapperProvider); here a local provider returns a stand-in, which changes
 * what is uploaded next to the bundle, not how the app's code is bundled.
 */
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as ForgeBundler from '@forge/bundler';
import type { Bundler, BundlerOutput, EntryPoint } from '@forge/bundler';

const require = createRequire(import.meta.url);
const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type BundlerModule = typeof ForgeBundler;
type NodeBundlerArgs = Parameters<BundlerModule['getNodeBundler']>;
interface CliShared {
  FileSystemReader: new () => unknown;
  FileSystemWriter: new () => unknown;
  ConfigFile: new (
    reader: unknown,
    writer: unknown,
  ) => {
    getAppHandlers(): Promise<{ module: string; func: string }[]>;
    readConfig(): Promise<unknown>;
  };
}

/** The bundler and the `@forge/cli-shared` copy it uses itself (its exact dependency). */
function forgeBundler(): { bundler: BundlerModule; cliShared: CliShared } {
  // The bundler insists on `require.main` (the CLI's executable); this script runs as an ES module,
  // which has none. Node gives each CommonJS module `require.main = process.mainModule` when it loads.
  const proc = process as { mainModule?: unknown };
  proc.mainModule ??= { filename: fileURLToPath(import.meta.url) };
  const bundlerEntry = require.resolve('@forge/bundler');
  const fromBundler = createRequire(bundlerEntry);
  return {
    bundler: require('@forge/bundler') as BundlerModule,
    cliShared: fromBundler('@forge/cli-shared') as CliShared,
  };
}

/** Stand-in for Forge's runtime wrapper (see the header): loads the bundle, as the real one does. */
export const LOCAL_WRAPPER = {
  script:
    "'use strict';\n// Local stand-in for Forge's Node runtime wrapper (forge deploy fetches the real one from\n// Atlassian's CDN). Only scripts/bundle-check.ts produces it; it is never uploaded.\nmodule.exports = require('./index.cjs');\n",
  source: 'scripts/bundle-check.ts (local stand-in)',
  version: 'local',
};

export interface BundleReport {
  ms: number;
  outputDir: string;
  files: { name: string; bytes: number }[];
  additionalOutputs: string[];
  warnings: string[];
  errors: string[];
  /** manifest handler → found as a function in the bundle? */
  handlers: { handler: string; ok: boolean }[];
  /** Exports of the bundle the manifest does not name. */
  unexpectedExports: string[];
}

export async function bundleCheck(appDir = APP_DIR): Promise<BundleReport> {
  const { bundler, cliShared } = forgeBundler();
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger = {
    traceEnabled: false,
    debugEnabled: false,
    trace() {},
    debug() {},
    info() {},
    warn: (message: string) => warnings.push(message),
    error: (error: Error) => errors.push(error.message),
  };
  // The CLI reads manifest.yml from the working directory.
  const cwd = process.cwd();
  process.chdir(appDir);
  const started = performance.now();
  let output: BundlerOutput;
  let handlers: { module: string; func: string }[];
  try {
    const config = new cliShared.ConfigFile(
      new cliShared.FileSystemReader(),
      new cliShared.FileSystemWriter(),
    );
    handlers = await config.getAppHandlers();
    const entryPoints: EntryPoint[] = bundler.getEntryPoints(handlers);
    const wrapperProvider = {
      getNodeRuntimeWrapper: () => Promise.resolve(LOCAL_WRAPPER),
      getNodeRuntimeLoader: () => Promise.resolve(undefined),
    };
    const nodeBundler: Bundler = bundler.getNodeBundler(
      logger,
      wrapperProvider,
      config as NodeBundlerArgs[2],
      // Only the EAP `typescript` bundler asks Statsig; the default (webpack) one never does.
      undefined as unknown as NodeBundlerArgs[3],
    );
    output = await nodeBundler.bundle({ appDirectory: appDir, entryPoints });
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
    return {
      ms: Math.round(performance.now() - started),
      outputDir: '',
      files: [],
      additionalOutputs: [],
      warnings,
      errors,
      handlers: [],
      unexpectedExports: [],
    };
  } finally {
    process.chdir(cwd);
  }
  const ms = Math.round(performance.now() - started);
  const files = readdirSync(output.outputDir)
    .filter((f) => statSync(join(output.outputDir, f)).isFile())
    .map((name) => ({ name, bytes: statSync(join(output.outputDir, name)).size }))
    .sort((a, b) => a.name.localeCompare(b.name));

  const checked: { handler: string; ok: boolean }[] = [];
  const named = new Map<string, Set<string>>();
  for (const h of handlers)
    (named.get(h.module) ?? named.set(h.module, new Set()).get(h.module))?.add(h.func);
  const unexpectedExports: string[] = [];
  for (const [module, funcs] of named) {
    const file = join(output.outputDir, `${module}.cjs`);
    let exported: Record<string, unknown> = {};
    try {
      exported = require(file) as Record<string, unknown>;
    } catch (e) {
      errors.push(`${module}.cjs does not load: ${e instanceof Error ? e.message : String(e)}`);
    }
    for (const func of funcs)
      checked.push({ handler: `${module}.${func}`, ok: typeof exported[func] === 'function' });
    for (const name of Object.keys(exported))
      if (!funcs.has(name)) unexpectedExports.push(`${module}.${name}`);
  }
  return {
    ms,
    outputDir: output.outputDir,
    files,
    additionalOutputs: [...(output.additionalOutputs?.keys() ?? [])].sort(),
    warnings,
    errors,
    handlers: checked,
    unexpectedExports,
  };
}

/** The problems of a report, in words; empty when the bundle is what `forge deploy` would upload. */
export function problemsOf(report: BundleReport): string[] {
  const problems = [...report.errors.map((e) => `bundler error: ${e}`)];
  for (const h of report.handlers)
    if (!h.ok) problems.push(`handler ${h.handler} is not a function of the bundle`);
  for (const e of report.unexpectedExports)
    problems.push(`the bundle exports ${e}, which no manifest handler names`);
  if (report.errors.length === 0 && !report.additionalOutputs.includes('__forge__.cjs'))
    problems.push('the runtime wrapper (__forge__.cjs) is missing from the upload');
  return problems;
}

async function main(): Promise<void> {
  const manifestHandlers =
    readFileSync(join(APP_DIR, 'manifest.yml'), 'utf8').match(/handler:/g)?.length ?? 0;
  const report = await bundleCheck();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(
    `@forge/bundler: ${report.ms} ms, ${report.errors.length} error(s), ${report.warnings.length} warning(s)`,
  );
  for (const f of report.files) console.log(`  ${f.name.padEnd(24)} ${kb(f.bytes).padStart(10)}`);
  const js = report.files.filter((f) => f.name.endsWith('.cjs')).reduce((n, f) => n + f.bytes, 0);
  console.log(
    `  bundle (.cjs) total      ${kb(js).padStart(10)}   (+ ${report.additionalOutputs.join(', ')})`,
  );
  console.log(
    `handlers: ${report.handlers.filter((h) => h.ok).length}/${report.handlers.length} found (${manifestHandlers} in manifest.yml)`,
  );
  for (const w of report.warnings) console.warn(`warning: ${w}`);
  const problems = problemsOf(report);
  for (const p of problems) console.error(p);
  console.log(
    `BUNDLE ${JSON.stringify({ ms: report.ms, bundleBytes: js, errors: report.errors.length, problems: problems.length })}`,
  );
  if (problems.length > 0) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
