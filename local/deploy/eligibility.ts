/**
 * Runs on Atlassian eligibility, computed from manifest.yml the way Atlassian reports it.
 *
 * `forge eligibility` (and `forge deploy`) do not compute the rules on the client: the CLI asks the
 * platform (`@forge/cli-shared` GraphQL `forge_cli_getApplicationRoaEligibility`, trust signal
 * `RUNS_ON_ATLASSIAN` → `rules { name value }`) and prints each rule that holds with its text from
 * `@forge/cli-shared` `Text.eligibility.cmd.rule.conversion`. So the six rule NAMES are Atlassian's
 * (test/manifest/eligibility.test.ts checks them against the CLI's own text); the DEFINITIONS below
 * are reproduced from the documentation, one function each so that any of them is easy to change:
 *
 * - HAS_REMOTES "App is using remote services": a `remotes` entry. Documented: runs-on-atlassian-apps
 *   ("ineligibility due to remotes"), storage-reference/sql-migration-guide ("If your manifest no
 *   longer has any `remotes` declarations, your app will become eligible"), customer-managed remotes.
 * - HAS_CONNECT_MODULES "App has Connect modules": `connectModules` (or `connect-*` module types).
 *   Documented only by its name and the CLI's sample output.
 * - HAS_DEFINED_EGRESS "App is egressing data": any `permissions.external` entry except analytics
 *   egress that declares `inScopeEUD: false`; customer-managed egress (`external.configurable`).
 *   Documented: runs-on-atlassian, manifest-reference/permissions (`inScopeEUD` defaults to `true`),
 *   in-scope-end-user-data, customer-managed-egress-and-remotes. Assumed: `navigation` entries and
 *   `{ remote }` fetch entries count as egress like the other kinds.
 * - HAS_EXPOSED_CREDENTIALS "App is exposing credentials": assumed to be a remote or endpoint that
 *   receives Atlassian tokens (`auth.appSystemToken` / `auth.appUserToken` enabled), the one manifest
 *   feature that hands credentials to a host outside Atlassian (manifest-reference/remotes). No page
 *   defines this rule.
 * - HAS_NON_DARE_COMPLIANT_SQL_MODULE "App is using an SQL module that is in Preview": a `sql` module
 *   without `dareCompliant: true` (@forge/manifest schema: "set to false while sql is in preview").
 * - HAS_EGRESS_WEBTRIGGER_MODULE "App is using a webtrigger module that can egress data": a
 *   `webtrigger` whose `response.type` is not `static` — documented (manifest-reference/modules/
 *   web-trigger, runs-on-atlassian-apps): "Existing web triggers without a type defined" and "Web
 *   triggers explicitly defined as `dynamic`" are not eligible.
 *
 * Sources: developer.atlassian.com/platform/forge/{runs-on-atlassian, runs-on-atlassian-apps,
 * manifest-reference/permissions, in-scope-end-user-data, manifest-reference/remotes,
 * customer-managed-egress-and-remotes, manifest-reference/modules/web-trigger} (snapshot
 * minhhai2209/forge-docs-snapshot @ 39ba7b91, 2026-08-22).
 */

export const ELIGIBILITY_RULES = [
  'HAS_REMOTES',
  'HAS_CONNECT_MODULES',
  'HAS_DEFINED_EGRESS',
  'HAS_EXPOSED_CREDENTIALS',
  'HAS_NON_DARE_COMPLIANT_SQL_MODULE',
  'HAS_EGRESS_WEBTRIGGER_MODULE',
] as const;
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

export interface EligibilityReport {
  eligible: boolean;
  /** Every rule that holds, with what in the manifest makes it hold. */
  triggered: { rule: EligibilityRule; evidence: string[] }[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const keyOf = (v: unknown, i: number): string => (isObj(v) && typeof v.key === 'string' ? v.key : `#${i}`);

/** The egress lists of `permissions.external`, by their manifest path. */
const EGRESS_KINDS = [
  'fetch.backend',
  'fetch.client',
  'fonts',
  'frames',
  'images',
  'media',
  'navigation',
  'scripts',
  'styles',
];

function hasRemotes(m: Obj): string[] {
  return list(m.remotes).map((r, i) => `remotes[${keyOf(r, i)}]`);
}

function hasConnectModules(m: Obj): string[] {
  const connect = isObj(m.connectModules)
    ? Object.keys(m.connectModules).map((k) => `connectModules.${k}`)
    : [];
  const modules = isObj(m.modules) ? Object.keys(m.modules).filter((k) => k.startsWith('connect-')) : [];
  return [...connect, ...modules.map((k) => `modules.${k}`)];
}

function hasDefinedEgress(m: Obj): string[] {
  const permissions = isObj(m.permissions) ? m.permissions : {};
  const external = isObj(permissions.external) ? permissions.external : {};
  const evidence: string[] = [];
  for (const kind of EGRESS_KINDS) {
    const [group, sub] = kind.split('.') as [string, string | undefined];
    const entries = sub ? (isObj(external[group]) ? external[group][sub] : undefined) : external[group];
    for (const entry of list(entries)) {
      // Analytics egress that declares it carries no in-scope End-User Data is the one exception.
      const analyticsOnly = isObj(entry) && entry.category === 'analytics' && entry.inScopeEUD === false;
      if (analyticsOnly) continue;
      const what =
        typeof entry === 'string'
          ? entry
          : isObj(entry) && typeof entry.address === 'string'
            ? entry.address
            : isObj(entry) && typeof entry.remote === 'string'
              ? `remote:${entry.remote}`
              : '?';
      evidence.push(`permissions.external.${kind}: ${what}`);
    }
  }
  if (isObj(external.configurable) && external.configurable.enabled === true)
    evidence.push('permissions.external.configurable (customer-managed egress)');
  return evidence;
}

function tokensOf(entry: unknown): string[] {
  const auth = isObj(entry) && isObj(entry.auth) ? entry.auth : {};
  return ['appSystemToken', 'appUserToken'].filter((t) => isObj(auth[t]) && auth[t].enabled === true);
}

function hasExposedCredentials(m: Obj): string[] {
  const modules = isObj(m.modules) ? m.modules : {};
  return [
    ...list(m.remotes).flatMap((r, i) => tokensOf(r).map((t) => `remotes[${keyOf(r, i)}].auth.${t}`)),
    ...list(modules.endpoint).flatMap((e, i) =>
      tokensOf(e).map((t) => `modules.endpoint[${keyOf(e, i)}].auth.${t}`),
    ),
  ];
}

function hasNonDareCompliantSql(m: Obj): string[] {
  const modules = isObj(m.modules) ? m.modules : {};
  return list(modules.sql)
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !(isObj(s) && s.dareCompliant === true))
    .map(({ s, i }) => `modules.sql[${keyOf(s, i)}]`);
}

function hasEgressWebtrigger(m: Obj): string[] {
  const modules = isObj(m.modules) ? m.modules : {};
  return list(modules.webtrigger)
    .map((w, i) => ({ w, i }))
    .filter(({ w }) => !(isObj(w) && isObj(w.response) && w.response.type === 'static'))
    .map(({ w, i }) => {
      const type = isObj(w) && isObj(w.response) ? String(w.response.type) : 'no response type (dynamic)';
      return `modules.webtrigger[${keyOf(w, i)}]: ${type}`;
    });
}

const RULES: Record<EligibilityRule, (m: Obj) => string[]> = {
  HAS_REMOTES: hasRemotes,
  HAS_CONNECT_MODULES: hasConnectModules,
  HAS_DEFINED_EGRESS: hasDefinedEgress,
  HAS_EXPOSED_CREDENTIALS: hasExposedCredentials,
  HAS_NON_DARE_COMPLIANT_SQL_MODULE: hasNonDareCompliantSql,
  HAS_EGRESS_WEBTRIGGER_MODULE: hasEgressWebtrigger,
};

/** The Runs on Atlassian rules that a manifest (parsed YAML) triggers. */
export function runsOnAtlassianEligibility(manifest: unknown): EligibilityReport {
  const m = isObj(manifest) ? manifest : {};
  const triggered = ELIGIBILITY_RULES.map((rule) => ({ rule, evidence: RULES[rule](m) })).filter(
    (r) => r.evidence.length > 0,
  );
  return { eligible: triggered.length === 0, triggered };
}
