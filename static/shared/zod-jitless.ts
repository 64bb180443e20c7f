/**
 * `zod` as the Custom UI bundles see it (static/vite.config.ts aliases `zod` here): the same API, with
 * `jitless` set before any schema is built.
 *
 * Without it, zod 4 probes whether it may compile parsers with `new Function("")` the first time an
 * object schema is built. Forge's Content-Security-Policy has no `'unsafe-eval'` in `script-src`, so
 * the probe fails — harmlessly, it is caught — but Chromium still reports a `securitypolicyviolation`
 * (script-src `eval`) for every surface that parses a resolver answer. Jitless parsing is what zod does
 * under that policy anyway; setting it up front only skips the probe. The backend is unaffected.
 */
import { config } from 'zod/v4';

config({ jitless: true });

export * from 'zod/v4';
export { default } from 'zod/v4';
