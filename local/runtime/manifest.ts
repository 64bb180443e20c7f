/**
 * manifest.yml, loaded and typed for the local platform (runtime, host, pages).
 * Only what the local platform needs; the raw YAML is kept for anything else.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ManifestFunction {
  key: string;
  /** As written, e.g. `index.adminResolver`. */
  handler: string;
  /** Module path under `src/` without extension, e.g. `index` or `entry/sweep`. */
  file: string;
  /** Export name, e.g. `adminResolver`. */
  exportName: string;
  timeoutSeconds?: number;
}

export interface ManifestModule {
  /** Module type, e.g. `jira:adminPage`, `scheduledTrigger`, `trigger`, `webtrigger`. */
  kind: string;
  key: string;
  title?: string;
  resource?: string;
  /** `function:` of triggers and webtriggers. */
  function?: string;
  /** `resolver.function:` of UI modules. */
  resolverFunction?: string;
  /** Everything as written in the manifest (interval, events, render, ...). */
  raw: Record<string, unknown>;
}

export interface ManifestResource {
  key: string;
  path: string;
  tunnelPort?: number;
}

/** Same shape as `app.storage.entities[]` (and as local/kvs's EntityDefinition). */
export interface ManifestEntity {
  name: string;
  attributes: Record<string, { type: 'string' | 'integer' | 'float' | 'boolean' | 'any' }>;
  indexes?: (string | { name: string; partition?: string[]; range: string[] })[];
}

export interface Manifest {
  /** Full ARI, `ari:cloud:ecosystem::app/<uuid>`. */
  appAri: string;
  /** The `<uuid>` part of the ARI: what `appContext.appId` carries. */
  appId: string;
  runtimeName?: string;
  functions: Record<string, ManifestFunction>;
  /** Every module except `function` entries, in manifest order. */
  modules: ManifestModule[];
  resources: ManifestResource[];
  entities: ManifestEntity[];
  scopes: string[];
  raw: Record<string, unknown>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function parseHandler(key: string, handler: string): ManifestFunction {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) {
    throw new Error(`manifest: function '${key}' has handler '${handler}', expected '<file>.<export>'`);
  }
  return { key, handler, file: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}

export function parseManifest(text: string): Manifest {
  const doc: unknown = parse(text);
  if (!isObj(doc)) throw new Error('manifest: not a YAML mapping');
  const app = isObj(doc.app) ? doc.app : {};
  const appAri = str(app.id) ?? '';
  const appId = appAri.split('/').pop() ?? '';
  if (!appId) throw new Error('manifest: app.id is missing');

  const functions: Record<string, ManifestFunction> = {};
  const modules: ManifestModule[] = [];
  const rawModules = isObj(doc.modules) ? doc.modules : {};
  for (const [kind, entries] of Object.entries(rawModules)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as unknown[]) {
      if (!isObj(entry) || typeof entry.key !== 'string') continue;
      if (kind === 'function') {
        const handler = str(entry.handler);
        if (!handler) throw new Error(`manifest: function '${entry.key}' has no handler`);
        const fn = parseHandler(entry.key, handler);
        if (typeof entry.timeoutSeconds === 'number') fn.timeoutSeconds = entry.timeoutSeconds;
        functions[entry.key] = fn;
        continue;
      }
      const resolver = isObj(entry.resolver) ? entry.resolver : undefined;
      modules.push({
        kind,
        key: entry.key,
        title: str(entry.title),
        resource: str(entry.resource),
        function: str(entry.function),
        resolverFunction: str(resolver?.function),
        raw: entry,
      });
    }
  }

  const resources: ManifestResource[] = (Array.isArray(doc.resources) ? (doc.resources as unknown[]) : [])
    .filter(isObj)
    .map((r) => {
      const tunnel = isObj(r.tunnel) ? r.tunnel : undefined;
      const res: ManifestResource = { key: String(r.key), path: String(r.path) };
      if (typeof tunnel?.port === 'number') res.tunnelPort = tunnel.port;
      return res;
    });

  const storage = isObj(app.storage) ? app.storage : {};
  const entities = (Array.isArray(storage.entities) ? storage.entities : []) as ManifestEntity[];
  const permissions = isObj(doc.permissions) ? doc.permissions : {};
  const scopes = (Array.isArray(permissions.scopes) ? permissions.scopes : []).filter(
    (s): s is string => typeof s === 'string',
  );
  const runtime = isObj(app.runtime) ? app.runtime : {};

  const manifest: Manifest = { appAri, appId, functions, modules, resources, entities, scopes, raw: doc };
  const runtimeName = str(runtime.name);
  if (runtimeName) manifest.runtimeName = runtimeName;
  for (const m of modules) {
    const fnKey = m.function ?? m.resolverFunction;
    if (fnKey && !functions[fnKey]) {
      throw new Error(`manifest: module '${m.key}' refers to unknown function '${fnKey}'`);
    }
  }
  return manifest;
}

/** Loads `<appDir>/manifest.yml` (or the file itself when given a file). */
export function loadManifest(fileOrDir: string): Manifest {
  const file = statSync(fileOrDir).isDirectory() ? join(fileOrDir, 'manifest.yml') : fileOrDir;
  return parseManifest(readFileSync(file, 'utf8'));
}

export function findModule(manifest: Manifest, moduleKey: string): ManifestModule | undefined {
  return manifest.modules.find((m) => m.key === moduleKey);
}

export function modulesOfKind(manifest: Manifest, kind: string): ManifestModule[] {
  return manifest.modules.filter((m) => m.kind === kind);
}
