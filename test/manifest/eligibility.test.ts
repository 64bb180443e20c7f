/**
 * Runs on Atlassian: the Forge CLI's eligibility rules (local/deploy/eligibility.ts) hold for none of
 * manifest.yml, and each rule fires on a manifest that breaks it — each such manifest being one that
 * @forge/manifest itself accepts, so the rules are tested on real manifests, not on made-up shapes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '@forge/manifest';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  ELIGIBILITY_RULES,
  type EligibilityRule,
  runsOnAtlassianEligibility,
} from '../../local/deploy/eligibility';

interface Manifest {
  app: Record<string, unknown>;
  modules: Record<string, unknown[]> & { webtrigger: Record<string, unknown>[] };
  permissions: { scopes: string[]; external?: unknown };
  remotes?: unknown[];
  connectModules?: unknown;
}

const ours = (): Manifest => parse(readFileSync('manifest.yml', 'utf8')) as Manifest;
const rulesOf = (m: unknown): EligibilityRule[] => runsOnAtlassianEligibility(m).triggered.map((t) => t.rule);

/** The wording `forge eligibility` prints for a rule: @forge/cli-shared, the copy @forge/bundler uses. */
function cliRuleText(): (rule: string) => string {
  const fromBundler = createRequire(createRequire(import.meta.url).resolve('@forge/bundler'));
  const { Text } = fromBundler('@forge/cli-shared') as {
    Text: { eligibility: { cmd: { rule: { conversion: (rule: string) => string } } } };
  };
  return Text.eligibility.cmd.rule.conversion;
}

const dir = mkdtempSync(join(tmpdir(), 'eligibility-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** @forge/manifest's validation of a manifest, minus the checks that files exist next to it. */
async function manifestErrors(m: Manifest): Promise<string[]> {
  const file = join(dir, `manifest-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(file, stringify(m));
  const result = await validate(false, file);
  return (result.errors ?? [])
    .filter((e) => e.level === 'error')
    .filter((e) => e.reference !== 'valid-module-required' && e.reference !== 'valid-resource-required')
    .map((e) => e.message);
}

describe('Runs on Atlassian eligibility of manifest.yml', () => {
  it('triggers 0 of the 6 rules: eligible', () => {
    const report = runsOnAtlassianEligibility(ours());
    const text = cliRuleText();
    console.info(
      `Runs on Atlassian: ${report.eligible ? 'eligible' : 'NOT eligible'}; rules checked: ${ELIGIBILITY_RULES.map(
        (r) => `${r} ("${text(r)}")`,
      ).join(', ')}`,
    );
    expect(report).toEqual({ eligible: true, triggered: [] });
  });

  it('checks exactly the rules the Forge CLI names, with its own wording for each', () => {
    const text = cliRuleText();
    for (const rule of ELIGIBILITY_RULES) expect(text(rule), rule).not.toBe(rule);
    expect(text('NOT_A_RULE')).toBe('NOT_A_RULE');
  });

  const breakers: [EligibilityRule, string, (m: Manifest) => void][] = [
    [
      'HAS_REMOTES',
      'a remote backend',
      (m) => {
        m.remotes = [{ key: 'backend', baseUrl: 'https://backend.example.com', operations: ['compute'] }];
      },
    ],
    [
      'HAS_CONNECT_MODULES',
      'a Connect module',
      (m) => {
        m.app.connect = { key: 'legacy-connect-app', remote: 'connect' };
        m.remotes = [{ key: 'connect', baseUrl: 'https://connect.example.com' }];
        m.connectModules = {
          'jira:generalPages': [
            {
              key: 'legacy-page',
              name: { value: 'Legacy' },
              url: '/legacy',
              location: 'system.top.navigation.bar',
            },
          ],
        };
      },
    ],
    [
      'HAS_DEFINED_EGRESS',
      'a backend fetch to an external host',
      (m) => {
        m.permissions.external = { fetch: { backend: [{ address: 'https://api.example.com' }] } };
      },
    ],
    [
      'HAS_DEFINED_EGRESS',
      'analytics egress without inScopeEUD: false (it defaults to true)',
      (m) => {
        m.permissions.external = {
          scripts: [{ address: 'https://cdn.example-analytics.com', category: 'analytics' }],
        };
      },
    ],
    [
      'HAS_EXPOSED_CREDENTIALS',
      'a remote that receives the app system token',
      (m) => {
        m.remotes = [
          {
            key: 'backend',
            baseUrl: 'https://backend.example.com',
            operations: ['compute'],
            auth: { appSystemToken: { enabled: true } },
          },
        ];
        m.permissions.scopes.push('read:app-system-token');
      },
    ],
    [
      'HAS_NON_DARE_COMPLIANT_SQL_MODULE',
      'a Forge SQL module in Preview (no dareCompliant)',
      (m) => {
        m.modules.sql = [{ key: 'main', engine: 'mysql' }];
      },
    ],
    [
      'HAS_EGRESS_WEBTRIGGER_MODULE',
      'the pre-deactivation webtrigger made dynamic',
      (m) => {
        (m.modules.webtrigger[0] as Record<string, unknown>).response = { type: 'dynamic' };
      },
    ],
    [
      'HAS_EGRESS_WEBTRIGGER_MODULE',
      'a webtrigger with no response type (dynamic by default)',
      (m) => {
        delete (m.modules.webtrigger[0] as Record<string, unknown>).response;
      },
    ],
  ];

  it.each(breakers)('%s fires on %s (a manifest @forge/manifest accepts)', async (rule, _what, breakIt) => {
    const m = ours();
    breakIt(m);
    expect(await manifestErrors(m)).toEqual([]);
    const fired = rulesOf(m);
    expect(fired).toContain(rule);
    // Only that rule (a remote that gets tokens is also a remote; a Connect app has its remote).
    const companions: EligibilityRule[] =
      rule === 'HAS_EXPOSED_CREDENTIALS' || rule === 'HAS_CONNECT_MODULES' ? ['HAS_REMOTES'] : [];
    expect(fired.sort()).toEqual([rule, ...companions].sort());
  });

  it.each([
    [
      'analytics egress that declares no in-scope End-User Data',
      (m: Manifest) => {
        m.permissions.external = {
          fetch: {
            client: [
              { address: 'https://api.example-analytics.com', category: 'analytics', inScopeEUD: false },
            ],
          },
        };
      },
    ],
    [
      'a Forge SQL module that is data-residency compliant',
      (m: Manifest) => {
        m.modules.sql = [{ key: 'main', engine: 'mysql', dareCompliant: true }];
      },
    ],
  ])('stays eligible with %s', async (_what, change) => {
    const m = ours();
    change(m);
    expect(await manifestErrors(m)).toEqual([]);
    expect(rulesOf(m)).toEqual([]);
  });
});
