/**
 * Is the Custom UI build (`static/build/`) older than its sources? `npm start` and the browser tests
 * both ask before they build.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files named `__…` are tests' scratch files (test/lint/layers.test.ts writes its probes into static/
 * and src/contract while `npm test` runs): never a source of the build. Counting them made browser
 * tests rebuild `static/build/` under the feet of other test files' sites.
 */
const isScratch = (name: string) => name.startsWith('__');

/** Newest modification time under `dir` (skipping `skip` names and scratch files), 0 if absent. */
export function newestMtime(dir: string, skip: ReadonlySet<string> = new Set()): number {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let max = 0;
  for (const entry of entries) {
    if (skip.has(entry.name) || isScratch(entry.name)) continue;
    const path = join(dir, entry.name);
    // A file may go between the listing and the stat (test/lint writes and removes probe files).
    const mtime = entry.isDirectory()
      ? newestMtime(path, skip)
      : (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    max = Math.max(max, mtime);
  }
  return max;
}

/** The newest source a Custom UI surface may be built from: `static/` (its shared folders too) and the contract. */
export function staticSourcesMtime(rootDir: string): number {
  return Math.max(
    newestMtime(join(rootDir, 'static'), new Set(['build', 'node_modules'])),
    newestMtime(join(rootDir, 'src', 'contract')),
  );
}
