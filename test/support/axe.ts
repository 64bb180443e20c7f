/**
 * axe-core in the browser tests: WCAG 2.0, 2.1 and 2.2 level A and AA rules run in every Custom UI
 * frame of a page.
 *
 *   const findings = await axePage(page);            // every app frame of the page
 *   expect(findings.map(describeAxeFinding)).toEqual([]);
 *
 * The frames are cross-origin (the local Forge CDN) and under Forge's CSP (no inline script, no
 * eval): axe's source goes in through Playwright's `frame.evaluate` (DevTools protocol, which the
 * page's policy does not govern), never as a `<script>` element or a URL the policy would refuse.
 * axe runs in each frame on its own (`iframes: false`): it cannot post into frames it did not load.
 * The shell page (the local stand-in for Jira's own UI) is not the app's and is not checked.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, RuleObject } from 'axe-core';
import type { Frame, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG conformance levels checked: 2.0, 2.1 and 2.2, A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

/**
 * Rules outside the WCAG tags that run too: heading levels that skip (`heading-order`, axe's
 * best-practice for WCAG 1.3.1 "Info and relationships"), which issue 13 lists among the failures.
 */
export const EXTRA_RULES = ['heading-order'] as const;

/** One rule an element (or several) of a frame fails. */
export interface AxeFinding {
  frameUrl: string;
  rule: string;
  impact: ImpactValue | null;
  /** axe's one-line description of the rule, e.g. "Elements must meet minimum color contrast ratio thresholds". */
  help: string;
  helpUrl: string;
  nodes: { target: string; summary: string; html: string }[];
}

interface AxeGlobal {
  axe?: {
    run(context: Document, options: unknown): Promise<AxeResults>;
    getRules(tags?: string[]): { ruleId: string; tags: string[] }[];
  };
}

/**
 * The ids of every rule tagged with one of `WCAG_TAGS`, experimental ones included, which a tag filter
 * alone leaves out (axe 4.14: `css-orientation-lock`, `p-as-heading`, `table-fake-caption`,
 * `td-has-header`; "label in name", `label-content-name-mismatch`, was one until lately:
 * https://github.com/dequelabs/axe-core/issues/4381).
 */
async function wcagRuleIds(frame: Frame): Promise<string[]> {
  const ids = await frame.evaluate(
    (tags) => ((window as AxeGlobal).axe?.getRules(tags) ?? []).map((r) => r.ruleId),
    [...WCAG_TAGS],
  );
  return [...ids, ...EXTRA_RULES];
}

/** Puts axe into the frame once (a navigation inside the frame drops it, and it goes in again). */
async function injectAxe(frame: Frame): Promise<void> {
  const present = await frame.evaluate(() => typeof (window as AxeGlobal).axe === 'object');
  if (!present) await frame.evaluate(AXE_SOURCE);
}

/** Runs the WCAG rules in one frame. */
export async function axeFrame(
  frame: Frame,
  rules: Record<string, RuleObject[string]> = {},
): Promise<AxeFinding[]> {
  await injectAxe(frame);
  const ids = await wcagRuleIds(frame);
  const violations = await frame.evaluate(
    async ({ ids, rules }) => {
      const axe = (window as AxeGlobal).axe!;
      const result = await axe.run(document, {
        runOnly: { type: 'rule', values: ids },
        rules,
        iframes: false,
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        rule: v.id,
        impact: v.impact ?? null,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target.map(String).join(' '),
          summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
          html: n.html.slice(0, 160),
        })),
      }));
    },
    { ids, rules },
  );
  return violations.map((v) => ({ frameUrl: frame.url(), ...v }));
}

/** The page's Custom UI frames: every frame but the shell's own, and but hidden background scripts. */
export async function appFrames(page: Page): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame() || frame.isDetached()) continue;
    const element = await frame.frameElement().catch(() => null);
    if (!element || (await element.getAttribute('data-forge-frame')) === null) continue;
    if (!(await element.isVisible())) continue;
    frames.push(frame);
  }
  return frames;
}

/** Runs the WCAG rules in every visible Custom UI frame of the page. */
export async function axePage(page: Page): Promise<AxeFinding[]> {
  const findings: AxeFinding[] = [];
  for (const frame of await appFrames(page)) findings.push(...(await axeFrame(frame)));
  return findings;
}

/** One readable block per finding: rule, impact, what it means, and each failing element with axe's summary. */
export function describeAxeFinding(f: AxeFinding): string {
  const path = new URL(f.frameUrl).pathname;
  const nodes = f.nodes.map((n) => `    at ${n.target}\n      ${n.summary}\n      ${n.html}`).join('\n');
  return `${f.rule} (${f.impact ?? 'n/a'}) in ${path}: ${f.help} — ${f.helpUrl}\n${nodes}`;
}

/**
 * The fields showing an error (static/shared/field.tsx: the error is `#<field id>-error`, the control
 * `#<field id>`) whose control does not say `aria-invalid="true"`, by field id. axe cannot tell: an
 * error message beside a control is only text to it.
 */
export async function fieldsWithoutAriaInvalid(frame: Frame): Promise<string[]> {
  return frame.evaluate(() =>
    [...document.querySelectorAll('[id$="-error"]')]
      .map((error) => error.id.slice(0, -'-error'.length))
      .filter((id) => document.getElementById(id)?.getAttribute('aria-invalid') !== 'true'),
  );
}
