import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * Each layering rule of eslint.config.js fires: a deliberately bad import is written into a temporary
 * file in the right folder, linted with the project's config through ESLint's Node API, and removed.
 * The rules under test need no type information, so the type-aware rules are switched off
 * (typescript-eslint's `disableTypeChecked`) to keep this in the unit tier's seconds.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

/** Importable files the probes point at, so the test does not depend on today's file names. */
const TARGET = 'export const target = 1;\n';
const use = (specifier: string) =>
  `import * as probed from '${specifier}';\n\nexport const probe = probed;\n`;
const useType = (specifier: string) =>
  `import type { target } from '${specifier}';\n\nexport const probe: typeof target | undefined = undefined;\n`;

/** Writes `files` (paths relative to the repo), lints the ones named in `lint`, removes them all. */
async function lintProbes(files: Record<string, string>, lint: string[]): Promise<ESLint.LintResult[]> {
  const written: string[] = [];
  try {
    for (const [path, code] of Object.entries(files)) {
      const file = join(ROOT, path);
      writeFileSync(file, code, { flag: 'wx' });
      written.push(file);
    }
    return await eslint.lintFiles(lint.map((path) => join(ROOT, path)));
  } finally {
    for (const file of written) rmSync(file, { force: true });
  }
}

const ruleIds = (results: ESLint.LintResult[]) => results.flatMap((r) => r.messages.map((m) => m.ruleId));
const messages = (results: ESLint.LintResult[]) => results.flatMap((r) => r.messages.map((m) => m.message));

const P = '__lint_probe__';
const T = '__lint_probe_target__';

const layerCases: { name: string; target: string; probe: string; code: string; says: RegExp }[] = [
  {
    name: 'domain imports app',
    target: `src/app/${T}.ts`,
    probe: `src/domain/${P}.ts`,
    code: use(`../app/${T}`),
    says: /src\/domain is pure rules/,
  },
  {
    name: 'domain imports infra',
    target: `src/infra/${T}.ts`,
    probe: `src/domain/${P}.ts`,
    code: use(`../infra/${T}`),
    says: /src\/domain is pure rules/,
  },
  {
    name: 'domain imports a type from entry',
    target: `src/entry/${T}.ts`,
    probe: `src/domain/${P}.ts`,
    code: useType(`../entry/${T}`),
    says: /src\/domain is pure rules/,
  },
  {
    name: 'app imports infra',
    target: `src/infra/${T}.ts`,
    probe: `src/app/${P}.ts`,
    code: use(`../infra/${T}`),
    says: /src\/app reaches infra only through its ports/,
  },
  {
    name: 'app imports entry',
    target: `src/entry/${T}.ts`,
    probe: `src/app/${P}.ts`,
    code: use(`../entry/${T}`),
    says: /src\/app reaches infra only through its ports/,
  },
  {
    name: 'entry imports infra outside the composition root',
    target: `src/infra/${T}.ts`,
    probe: `src/entry/${P}.ts`,
    code: use(`../infra/${T}`),
    says: /only through the composition root/,
  },
  {
    name: 'entry imports a type from infra outside the composition root',
    target: `src/infra/${T}.ts`,
    probe: `src/entry/${P}.ts`,
    code: useType(`../infra/${T}`),
    says: /only through the composition root/,
  },
  {
    name: 'contract imports domain',
    target: `src/domain/${T}.ts`,
    probe: `src/contract/${P}.ts`,
    code: use(`../domain/${T}`),
    says: /src\/contract is the leaf/,
  },
  {
    name: 'static imports src/app',
    target: `src/app/${T}.ts`,
    probe: `static/shared/${P}.ts`,
    code: use(`../../src/app/${T}`),
    says: /only through src\/contract/,
  },
  {
    name: 'static imports src/domain',
    target: `src/domain/${T}.ts`,
    probe: `static/admin/${P}.ts`,
    code: use(`../../src/domain/${T}`),
    says: /only through src\/contract/,
  },
  {
    name: 'local imports src/infra',
    target: `src/infra/${T}.ts`,
    probe: `local/kvs/${P}.ts`,
    code: use(`../../src/infra/${T}`),
    says: /only through src\/contract/,
  },
  {
    name: 'local imports src/entry',
    target: `src/entry/${T}.ts`,
    probe: `local/${P}.ts`,
    code: use(`../src/entry/${T}`),
    says: /only through src\/contract/,
  },
];

describe('lint enforces the layers (eslint.config.js)', () => {
  it.each(layerCases)(
    'refuses: $name (import-x/no-restricted-paths)',
    async ({ target, probe, code, says }) => {
      const results = await lintProbes({ [target]: TARGET, [probe]: code }, [probe]);
      expect(ruleIds(results)).toContain('import-x/no-restricted-paths');
      expect(messages(results).join('\n')).toMatch(says);
    },
  );

  it.each(['src/domain', 'src/app', 'src/contract'])(
    'refuses @forge/* in %s (no-restricted-imports)',
    async (folder) => {
      const probe = `${folder}/${P}.ts`;
      const results = await lintProbes({ [probe]: use('@forge/kvs') }, [probe]);
      expect(ruleIds(results)).toEqual(['no-restricted-imports']);
      expect(messages(results)[0]).toMatch(/Only src\/infra and the Forge entry adapters/);
    },
  );

  it('refuses a value import of the procedure map in static/, allows its types (no-restricted-imports)', async () => {
    const value = `static/shared/${P}a.ts`;
    const types = `static/shared/${P}b.ts`;
    const results = await lintProbes(
      {
        [value]: use('@contract/procedures'),
        [types]:
          "import type { ProcedureKey } from '@contract/procedures';\n\nexport type Probe = ProcedureKey;\n",
      },
      [value, types],
    );
    expect(results.map((r) => r.messages.map((m) => m.ruleId))).toEqual([['no-restricted-imports'], []]);
    expect(messages(results)[0]).toMatch(/procedure map as types only/);
  });

  it('refuses an import cycle (import-x/no-cycle)', async () => {
    const a = `src/domain/${P}a.ts`;
    const b = `src/domain/${P}b.ts`;
    const results = await lintProbes(
      {
        [a]: `import { b } from './${P}b';\n\nexport const a = (): number => b + 1;\n`,
        [b]: `import { a } from './${P}a';\n\nexport const b = 1;\nexport const c = (): number => a();\n`,
      },
      [a, b],
    );
    expect(results.map((r) => r.messages.map((m) => m.ruleId))).toEqual([
      ['import-x/no-cycle'],
      ['import-x/no-cycle'],
    ]);
  });

  it('refuses a hook called conditionally in static/ (react-hooks/rules-of-hooks)', async () => {
    const probe = `static/shared/${P}.tsx`;
    const code = [
      "import { useState } from 'react';",
      '',
      'export function Probe({ on }: { on: boolean }) {',
      '  if (on) useState(0);',
      '  return null;',
      '}',
      '',
    ].join('\n');
    const results = await lintProbes({ [probe]: code }, [probe]);
    expect(ruleIds(results)).toEqual(['react-hooks/rules-of-hooks']);
  });

  it('refuses an effect with a missing dependency in static/ (react-hooks/exhaustive-deps)', async () => {
    const probe = `static/shared/${P}.tsx`;
    const code = [
      "import { useEffect, useState } from 'react';",
      '',
      'export function Probe({ id }: { id: string }) {',
      "  const [value, setValue] = useState('');",
      '  useEffect(() => {',
      '    setValue(id);',
      '  }, []);',
      '  return value;',
      '}',
      '',
    ].join('\n');
    const results = await lintProbes({ [probe]: code }, [probe]);
    expect(ruleIds(results)).toEqual(['react-hooks/exhaustive-deps']);
  });

  it('passes the imports the layers allow (so each refusal above is about the layer)', async () => {
    const files = {
      [`src/contract/${T}.ts`]: TARGET,
      [`src/domain/${T}.ts`]: use(`../contract/${T}`),
      [`src/app/${T}.ts`]: use(`../domain/${T}`),
      [`src/infra/${P}.ts`]: `${use('@forge/kvs')}export { target } from '../app/${T}';\n`,
      [`src/entry/${P}.ts`]: `${use('@forge/resolver')}export { target } from '../app/${T}';\n`,
      [`static/shared/${P}.ts`]: `${use(`@contract/${T}`)}export { target } from '../../src/contract/${T}';\n`,
      [`local/${P}.ts`]: use(`../src/contract/${T}`),
    };
    // The composition root itself imports src/infra (the one entry file that may).
    const results = await lintProbes(files, [...Object.keys(files), 'src/entry/compose.ts']);
    expect(results).toHaveLength(Object.keys(files).length + 1);
    expect(results.flatMap((r) => r.messages)).toEqual([]);
  });
});
