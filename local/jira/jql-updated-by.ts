/**
 * The JQL the simulator evaluates: `issue in updatedBy(user, dateFrom[, dateTo])`, optionally joined
 * with `AND` to `project = KEY`. Per Atlassian's JQL reference (support.atlassian.com/jira-software-cloud
 * /docs/jql-functions/#updatedBy), an update is creating the issue, changing a field or commenting; dates
 * are `yyyy/MM/dd`, `yyyy-MM-dd` or relative (`-90d`, `-4w`). Anything else is refused with Jira's words,
 * so the app cannot come to rely on JQL the simulator would wrongly accept.
 */
import type { JiraSite } from './jira-site';
import type { SeedIssue } from './seed';

export interface UpdatedByQuery {
  accountId: string;
  fromMs: number;
  toMs: number;
  projectKey?: string;
}

const ARG = String.raw`\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^,()\s]+)\s*`;
const UPDATED_BY = new RegExp(String.raw`^issue\s+in\s+updatedBy\(${ARG}(?:,${ARG})?(?:,${ARG})?\)$`, 'i');
const PROJECT = /^project\s*=\s*("?)([A-Za-z][A-Za-z0-9_]*)\1$/i;
const DAY_MS = 86_400_000;
const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

const unquote = (s: string) => (/^["'].*["']$/.test(s) ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s);

/** A JQL date: relative (`-90d`) from now, or an absolute day (start of day UTC). NaN if invalid. */
function jqlDate(text: string, nowMs: number, endOfDay: boolean): number {
  const rel = /^([-+]?)(\d+)([mhdw])$/.exec(text);
  if (rel) return nowMs + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * (UNITS[rel[3] ?? 'd'] ?? DAY_MS);
  const abs = /^(\d{4})[/-](\d{2})[/-](\d{2})$/.exec(text);
  if (!abs) return NaN;
  const start = Date.UTC(Number(abs[1]), Number(abs[2]) - 1, Number(abs[3]));
  return endOfDay ? start + DAY_MS - 1 : start;
}

/** Parses the supported JQL, or answers the error message Jira would give. */
export function parseUpdatedBy(jql: string, site: JiraSite, nowMs: number): UpdatedByQuery | string {
  const clauses = jql.trim().split(/\s+AND\s+/i);
  let query: Partial<UpdatedByQuery> | undefined;
  let projectKey: string | undefined;
  for (const clause of clauses) {
    const u = UPDATED_BY.exec(clause.trim());
    const p = PROJECT.exec(clause.trim());
    if (u && !query) {
      const user = unquote(u[1] ?? '');
      const account = site.user(user) ?? site.userByEmail(user);
      if (!account) return `The value '${user}' does not exist for the function 'updatedBy'.`;
      const from = u[2] ? jqlDate(unquote(u[2]), nowMs, false) : 0;
      const to = u[3] ? jqlDate(unquote(u[3]), nowMs, true) : nowMs;
      if (Number.isNaN(from) || Number.isNaN(to))
        return "Date value for function 'updatedBy' is invalid. Valid formats include: 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";
      query = { accountId: account.accountId, fromMs: from, toMs: to };
    } else if (p && projectKey === undefined) {
      projectKey = (p[2] ?? '').toUpperCase();
      if (!site.project(projectKey))
        return `The value '${projectKey}' does not exist for the field 'project'.`;
    } else if (clause.trim() === '') {
      return 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
    } else {
      return `Error in the JQL Query: the local simulator supports only updatedBy() and project = KEY (got '${clause.trim()}').`;
    }
  }
  if (!query)
    return 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
  return { ...(query as UpdatedByQuery), ...(projectKey ? { projectKey } : {}) };
}

const ms = (jiraTime: string) => Date.parse(jiraTime.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

/** Did `q.accountId` create, change or comment on the issue within the range (creation is a change)? */
export function updatedBy(issue: SeedIssue, q: UpdatedByQuery, site: JiraSite): boolean {
  if (q.projectKey && site.project(issue.projectId)?.key !== q.projectKey) return false;
  const inRange = (t: string) => {
    const at = ms(t);
    return at >= q.fromMs && at <= q.toMs;
  };
  if ((issue.changes ?? []).some((c) => c.authorAccountId === q.accountId && inRange(c.created))) return true;
  return (issue.comments ?? []).some((c) => c.authorAccountId === q.accountId && inRange(c.created));
}
