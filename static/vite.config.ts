/**
 * One Vite build for every Custom UI surface of the app.
 *
 * A surface is a folder `static/<surface>/` holding an `index.html`; each one is built on its own
 * into `static/build/<surface>/` (its `index.html` plus `assets/`), with relative asset URLs, because
 * each manifest resource must be self-contained (`resources[].path: static/build/<surface>`).
 * Adding a surface = adding a folder; nothing here changes.
 *
 *   npx vite build --config static/vite.config.ts      (npm run build)
 *   SURFACES=admin npx vite build --config static/vite.config.ts   (only the named surfaces)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, defineConfig, type InlineConfig } from 'vite';

const staticDir = fileURLToPath(new URL('.', import.meta.url));
const contractDir = fileURLToPath(new URL('../src/contract', import.meta.url));
const featureGatesStub = fileURLToPath(new URL('./shared/feature-gates-stub.ts', import.meta.url));
const zodJitless = fileURLToPath(new URL('./shared/zod-jitless.ts', import.meta.url));
const scrollLock = fileURLToPath(new URL('./shared/scroll-lock.tsx', import.meta.url));
const NOT_SURFACES = new Set(['build', 'shared', 'node_modules']);

/** `static/<name>/index.html` folders, sorted, so the build order is stable. */
export function surfaces(): string[] {
  return readdirSync(staticDir, { withFileTypes: true })
    .filter(
      (d) =>
        d.isDirectory() && !NOT_SURFACES.has(d.name) && existsSync(join(staticDir, d.name, 'index.html')),
    )
    .map((d) => d.name)
    .sort();
}

/**
 * The Vite config of one surface: its own root, so `index.html` lands at the top of its output
 * folder and every asset URL is relative to it (`base: './'`, as Forge serves resources).
 */
export function surfaceConfig(surface: string): InlineConfig {
  return {
    configFile: false,
    // Always a production build, even when started from a test run (NODE_ENV=test).
    mode: 'production',
    root: join(staticDir, surface),
    base: './',
    publicDir: false,
    logLevel: 'warn',
    resolve: {
      alias: [
        { find: /^@contract\//, replacement: `${contractDir}/` },
        // Atlaskit's Statsig client is never initialised in a Forge app: a stub gives the same answers.
        { find: /^@atlaskit\/feature-gate-js-client\/feature-gates$/, replacement: featureGatesStub },
        // zod without its `new Function` probe, which Forge's CSP (no 'unsafe-eval') reports.
        { find: /^zod$/, replacement: zodJitless },
        // @atlaskit/modal-dialog's page scroll lock, through CSSOM instead of an injected <style>.
        { find: /^react-scrolllock$/, replacement: scrollLock },
      ],
    },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    oxc: { jsx: { runtime: 'automatic', development: false } },
    build: {
      outDir: join(staticDir, 'build', surface),
      emptyOutDir: true,
      target: 'es2020',
      minify: true,
      cssMinify: true,
      sourcemap: false,
      reportCompressedSize: true,
      chunkSizeWarningLimit: 1200,
    },
  };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Gzipped bytes of a surface's JavaScript: `entryGzip` is what loads before the first render (the
 * entry script and every chunk it imports statically, which Vite lists as `modulepreload` links);
 * `allJsGzip` is every script, lazy subpages and every theme variant included.
 */
export function bundleSizes(surface: string): { entryGzip: number; allJsGzip: number } {
  const out = join(staticDir, 'build', surface);
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\.\/([^"]+)"/.exec(html)?.[1];
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\.\/([^"]+)"/g)].map((m) => m[1]!);
  const gz = (file: string): number => gzipSync(readFileSync(join(out, file)), { level: 9 }).length;
  const assets = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js'));
  return {
    entryGzip: entry ? [entry, ...new Set(preloads)].reduce((sum, f) => sum + gz(f), 0) : 0,
    allJsGzip: assets.reduce((sum, f) => sum + gz(join('assets', f)), 0),
  };
}

/** `vite build --config static/vite.config.ts` builds every surface, one after the other. */
export default defineConfig({
  root: staticDir,
  builder: {
    async buildApp(builder) {
      // Packages pick their production builds (export conditions, `process.env.NODE_ENV` checks) from this.
      process.env.NODE_ENV = 'production';
      const only = process.env.SURFACES?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const surface of surfaces().filter((s) => !only?.length || only.includes(s))) {
        await build(surfaceConfig(surface));
        const { entryGzip, allJsGzip } = bundleSizes(surface);
        builder.config.logger.info(
          `static/build/${surface}/  initial JS ${kb(entryGzip)} gzipped (entry + static imports), all JS ${kb(allJsGzip)} gzipped`,
        );
      }
      // The surfaces are separate builds; tell Vite not to build its default `client` environment too.
      for (const environment of Object.values(builder.environments)) environment.isBuilt = true;
    },
  },
});
