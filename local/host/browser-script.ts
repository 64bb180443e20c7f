/**
 * The local site's own browser scripts (`local/host/public/*.ts`), bundled on request into classic
 * scripts: one IIFE each, with the modules they import, by Vite (rolldown) in library mode. Cached
 * until a file in `public/` changes.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

export const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

const cache = new Map<string, { version: string; code: Promise<string> }>();

/** The newest modification time of the scripts in `public/`: a bundle is stale once any changed. */
async function publicVersion(): Promise<string> {
  const names = (await readdir(PUBLIC_DIR)).filter((n) => n.endsWith('.ts'));
  const times = await Promise.all(names.map(async (n) => (await stat(join(PUBLIC_DIR, n))).mtimeMs));
  return `${names.length}:${Math.max(0, ...times)}`;
}

async function bundle(file: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: PUBLIC_DIR,
    publicDir: false,
    build: {
      write: false,
      minify: false,
      target: 'es2020',
      lib: { entry: file, formats: ['iife'], name: 'forgeLocalScript' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o): o is Rollup.OutputChunk => o.type === 'chunk');
  if (!chunk) throw new Error(`bundling ${file} produced no script`);
  return chunk.code;
}

/** `public/<name>` as a classic script; `prelude` (e.g. constants) goes first inside the IIFE. */
export async function browserScript(name: string, prelude = ''): Promise<string> {
  const file = join(PUBLIC_DIR, name);
  const version = await publicVersion();
  let entry = cache.get(file);
  if (entry?.version !== version) {
    const fresh = { version, code: bundle(file) };
    cache.set(file, fresh);
    // A failed build is tried again on the next request.
    fresh.code.catch(() => cache.get(file) === fresh && cache.delete(file));
    entry = fresh;
  }
  return `(function () {\n'use strict';\n${prelude}${await entry.code}\n})();\n`;
}
