/**
 * The local site's own browser scripts (`local/host/public/*.ts`), compiled on request to classic
 * scripts: one IIFE each, type-only imports dropped, cached by the file's mtime.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

const cache = new Map<string, { mtimeMs: number; code: string }>();

/** `public/<name>` as a classic script; `prelude` (e.g. constants) goes first inside the IIFE. */
export async function browserScript(name: string, prelude = ''): Promise<string> {
  const file = join(PUBLIC_DIR, name);
  const { mtimeMs } = await stat(file);
  let body = cache.get(file)?.mtimeMs === mtimeMs ? cache.get(file)?.code : undefined;
  if (body === undefined) {
    const source = await readFile(file, 'utf8');
    const out = ts.transpileModule(source, {
      fileName: name,
      compilerOptions: {
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.ESNext,
        removeComments: false,
      },
    }).outputText;
    // Type-only imports are gone; drop the module marker and keep everything out of the global scope.
    body = out.replace(/^export \{\};?\s*$/m, '').replace(/^\/\/# sourceMappingURL=.*$/m, '');
    cache.set(file, { mtimeMs, code: body });
  }
  return `(function () {\n'use strict';\n${prelude}${body}\n})();\n`;
}
