import { z } from 'zod';

/**
 * Rules for free text people type (purpose, notes, reasons, labels), shared by the server's schemas and
 * the forms. Invisible characters are a way to store "nothing" that looks like something, or to make a
 * label read differently from what it is (Trojan Source, CVE-2021-42574).
 */

/** C0/C1 control characters (tab, line feed and carriage return are handled apart). */
const CONTROL = /\p{Cc}/u;
/** Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;
/**
 * Characters that show nothing by themselves: format characters (zero-width space/joiners, BOM, soft
 * hyphen, word joiner, Mongolian vowel separator…), separators, combining marks alone (CGJ…), and the
 * "filler" letters that render blank (Hangul fillers, halfwidth Hangul filler, braille blank).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** The problem with a text, in people's words; undefined when it is fine. Empty text is left to `min`. */
export function textProblem(value: string, multiline = false): string | undefined {
  if (value === '') return undefined;
  if (BIDI.test(value))
    return 'Remove the hidden text-direction characters: they make text read differently from what is stored.';
  if (CONTROL.test(value.replace(/[\t\n\r]/g, '')) || (!multiline && /[\n\r\t]/.test(value)))
    return 'Remove the control characters (they are invisible).';
  if (value.replace(INVISIBLE, '') === '') return 'Type visible text: this holds only invisible characters.';
  return undefined;
}

/** A trimmed string with the text rules; `multiline` allows line breaks and tabs (notes, reasons). */
export function visibleText(opts: { max: number; maxMessage: string; min?: string; multiline?: boolean }) {
  // Checked before trimming too: JavaScript's trim() removes U+FEFF, which would turn an invisible-only
  // value into "no value" silently. Plain spaces alone stay "empty" (a cleared field).
  const base = z
    .string()
    .superRefine((raw, ctx) => {
      const problem = raw.trim() === '' && /[^ \t\n\r]/u.test(raw) ? textProblem(raw, true) : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .trim();
  const sized = (opts.min ? base.min(1, opts.min) : base).max(opts.max, opts.maxMessage);
  return sized.superRefine((value, ctx) => {
    const problem = textProblem(value, opts.multiline ?? false);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/**
 * What a secret looks like, by kind (the prefixes their issuers document). A credential label names a
 * credential ("jenkins-prod-token"); it must never be the credential.
 * @see https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/ (ATATT…)
 * @see https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/ (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)
 * @see https://api.slack.com/authentication/token-types (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-)
 */
const SECRET_SHAPES: { kind: string; re: RegExp }[] = [
  { kind: 'an Atlassian API token', re: /\bATAT[A-Z0-9]{0,2}[A-Za-z0-9_=-]{20,}/ },
  { kind: 'a GitHub token', re: /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/ },
  { kind: 'a Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: 'a JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/ },
  {
    kind: 'a long run of hexadecimal digits',
    re: /\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{32,}\b/,
  },
];

/** A long base64 run with digits and both cases, as random keys have and words do not. */
function hasBase64Run(value: string): boolean {
  for (const run of value.match(/[A-Za-z0-9+/_-]{32,}={0,2}/g) ?? []) {
    const letters = run.replace(/[^A-Za-z0-9]/g, '');
    if (letters.length >= 32 && /\d/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run)) return true;
  }
  return false;
}

/** Why a label looks like a secret (a sentence for the form), or undefined. */
export function secretLikeProblem(label: string): string | undefined {
  const shape =
    SECRET_SHAPES.find((s) => s.re.test(label))?.kind ??
    (hasBase64Run(label) ? 'a key (a long random-looking run of characters)' : undefined);
  if (!shape) return undefined;
  return `This looks like ${shape}, a secret. The app never stores credentials: enter a name that identifies the credential instead (e.g. “jenkins-prod-token”), and keep the secret in your vault.`;
}
