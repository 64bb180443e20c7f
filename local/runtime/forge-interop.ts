/**
 * Makes `import Resolver from '@forge/resolver'` (and `import kvs from '@forge/kvs'`) mean under
 * plain Node (`tsx`, `npm start`) what it means on Forge and in Vitest.
 *
 * The @forge packages are CommonJS compiled from TypeScript (`exports.__esModule = true`,
 * `exports.default = ...`). Forge's bundler and Vitest give a default import `exports.default`;
 * Node's ESM loader gives the whole `module.exports` object instead, so `new Resolver()` throws
 * "Resolver is not a constructor" under tsx only. This loader hook serves ESM imports of
 * `node_modules/@forge/*` through a facade with bundler semantics. `require()` is untouched.
 */
import { register } from 'node:module';

const HOOKS = `
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
const IDENT = /^[A-Za-z_$][\\w$]*$/;
export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.includes('/node_modules/@forge/') || !/\\.c?js$/.test(url)) {
    return nextLoad(url, context);
  }
  const loaded = await nextLoad(url, context);
  if (loaded.format !== 'commonjs') return loaded;
  const file = fileURLToPath(url);
  const names = Object.keys(createRequire(url)(file)).filter((n) => n !== 'default' && IDENT.test(n));
  const source = [
    "import { createRequire } from 'node:module';",
    'const m = createRequire(' + JSON.stringify(url) + ')(' + JSON.stringify(file) + ');',
    "export default m && m.__esModule && 'default' in m ? m.default : m;",
    ...names.map((n) => 'export const ' + n + ' = m.' + n + ';'),
  ].join('\\n');
  return { format: 'module', source, shortCircuit: true };
}
`;

let registered = false;

/** Call once, before the app's modules are imported. */
export function registerForgeInterop(): void {
  if (registered) return;
  registered = true;
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
}
