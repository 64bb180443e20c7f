import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

it('gives default imports of @forge/* bundler semantics under tsx (npm start)', () => {
  const script = `
    const { registerForgeInterop } = await import('./local/runtime/forge-interop.ts');
    registerForgeInterop();
    const app = await import('./test/fixtures/runtime-app/src/index.ts');
    const kvs = (await import('@forge/kvs')).default;
    console.log(JSON.stringify({ resolver: typeof app.resolver, kvsGet: typeof kvs.get }));
  `;
  const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(out.stderr).toBe('');
  expect(JSON.parse(out.stdout.trim())).toEqual({ resolver: 'function', kvsGet: 'function' });
});
