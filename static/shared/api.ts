/**
 * The typed data layer between the Custom UI and the app's resolvers.
 *
 * Typed from the procedure map (src/contract/procedures.ts): `call(key, input)` takes the key's input
 * and answers its output type, so the UI never pairs keys and result types by hand. Each call goes
 * through `invoke` from `@forge/bridge`, checks the resolver envelope (`{ok:true,data} |
 * {ok:false,error}`) and either returns `data` or throws an `ApiError` carrying the resolver's error
 * code. Components never call `invoke` themselves; they use the named functions below.
 */
import { invoke, requestJira } from '@forge/bridge';
import type { ExportChunk } from '@contract/common';
import type { ErrorCode, ResolverError } from '@contract/envelope';
import { ORG_AUDIT_KEYS } from '@contract/org-audit-keys';
import type { InputOf, OutputOf, ProcedureKey } from '@contract/procedures';
import { rateLimitKind, rateLimitMessage } from '@contract/rate-limit';
import { ADMIN_KEYS, OFFBOARDING_KEYS, OVERSIGHT_KEYS, OWNER_KEYS } from '@contract/resolver-keys';

/** The resolver's own codes, plus `UNAVAILABLE` when the call never produced an envelope. */
export type ApiErrorCode = ErrorCode | 'UNAVAILABLE';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get isForbidden(): boolean {
    return this.code === 'FORBIDDEN';
  }

  /** Field path → message, from BAD_REQUEST details (`{ fields }`); empty otherwise. */
  get fieldErrors(): Record<string, string> {
    if (this.code !== 'BAD_REQUEST') return {};
    const fields = (this.details as { fields?: unknown } | undefined)?.fields;
    if (typeof fields !== 'object' || fields === null) return {};
    return Object.fromEntries(
      Object.entries(fields as Record<string, unknown>).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    );
  }

  /** The current record a CONFLICT carries (`details.current`), if any. */
  conflictCurrent<T>(): T | undefined {
    if (this.code !== 'CONFLICT') return undefined;
    const current = (this.details as { current?: unknown } | undefined)?.current;
    return current === null || current === undefined ? undefined : (current as T);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function isResolverError(v: unknown): v is ResolverError {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.code === 'string' && typeof e.message === 'string';
}

/** Narrows an unknown `invoke` result to the envelope, or says why it is not one. */
export function unwrapEnvelope<T>(result: unknown): T {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    // `ok` is checked as sent (unknown), not as the Envelope type says: only `true` or `false` will do.
    const { ok } = result;
    if (ok === true && 'data' in result) return result.data as T;
    if (ok === false && 'error' in result && isResolverError(result.error)) {
      throw new ApiError(result.error.code, result.error.message, result.error.details);
    }
  }
  throw new ApiError('INTERNAL', 'The app returned a response it could not read.');
}

/** Calls resolver key `key` with its input; answers its output type, or throws an `ApiError`. */
export async function call<K extends ProcedureKey>(key: K, input: InputOf<K>): Promise<OutputOf<K>> {
  let result: unknown;
  try {
    result = await invoke(key, compact(input));
  } catch (e) {
    const reason = e instanceof Error && e.message ? e.message : String(e);
    throw new ApiError('UNAVAILABLE', `The app could not be reached: ${reason}`);
  }
  return unwrapEnvelope<OutputOf<K>>(result);
}

/** A key's arguments: its input, optional when every field of it is. */
type ArgsOf<K extends ProcedureKey> =
  Record<string, never> extends InputOf<K> ? [input?: InputOf<K>] : [input: InputOf<K>];

/** The function calling one key: typed by the procedure map, nothing written by hand. */
function procedure<K extends ProcedureKey>(key: K) {
  return (...[input]: ArgsOf<K>): Promise<OutputOf<K>> => call(key, input ?? ({} as InputOf<K>));
}

/** Drops `undefined` fields so the payload is exactly what the resolver's strict schema accepts. */
function compact(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null) return {};
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

const K = ADMIN_KEYS;

/** Every admin resolver key, one typed function each. */
export const adminApi = {
  /** Who is looking, the app's settings and one page of the site's users. */
  siteUsers: procedure(K.siteUsers),
  /** Active users matching a name or email prefix (people only unless `kind: 'any'`). */
  searchUsers: procedure(K.usersSearch),

  listAccounts: procedure(K.accountsList),
  getAccount: procedure(K.accountsGet),
  tagAccount: procedure(K.accountsTag),
  updateAccount: procedure(K.accountsUpdate),
  retireAccount: procedure(K.accountsRetire),
  retagAccount: procedure(K.accountsRetag),
  markMigration: procedure(K.migrationMark),
  moveMigration: procedure(K.migrationMove),

  listCandidates: procedure(K.candidatesList),
  dismissCandidate: procedure(K.candidatesDismiss),
  /** Dismissed candidates, a page at a time; restoring one puts it back in the suggestions. */
  listDismissed: procedure(K.candidatesDismissed),
  restoreCandidate: procedure(K.candidatesRestore),

  previewImport: procedure(K.importPreview),
  applyImport: procedure(K.importApply),
  exportRegistry: procedure(K.exportRegistry),

  listAudit: procedure(K.auditList),
  exportAudit: procedure(K.auditExport),
  verifyAudit: procedure(K.auditVerify),
  /** One audit record with every field (the record detail view). */
  getAuditRecord: procedure(K.auditGet),

  getSettings: procedure(K.settingsGet),
  updateSettings: procedure(K.settingsUpdate),
  rotateWebhookSecret: procedure(K.settingsRotateWebhookSecret),
  orgAuditStatus: procedure(ORG_AUDIT_KEYS.status),
  rotateOrgAuditSecret: procedure(ORG_AUDIT_KEYS.rotate),

  /** The sweep's last run, the open findings, the hand-overs waiting for an admin. */
  sweepStatus: procedure(OVERSIGHT_KEYS.sweepStatus),
  listFindings: procedure(OVERSIGHT_KEYS.findingsList),
  listProposals: procedure(OVERSIGHT_KEYS.proposalsList),
  decideProposal: procedure(OVERSIGHT_KEYS.proposalsDecide),
};

export type AdminApi = typeof adminApi;

/**
 * Runs a chunked export to the end (`nextCursor` until absent) and joins the chunks: CSV text is
 * concatenated (the header comes only in the first chunk), JSON arrays are merged.
 */
export async function exportAll(
  next: (cursor: string | undefined) => Promise<ExportChunk>,
): Promise<{ fileName: string; format: ExportChunk['format']; content: string; count: number }> {
  const chunks: ExportChunk[] = [];
  let cursor: string | undefined;
  do {
    const chunk = await next(cursor);
    chunks.push(chunk);
    cursor = chunk.nextCursor;
  } while (cursor && chunks.length < 1000);
  const first = chunks[0]!;
  const count = chunks.reduce((n, c) => n + c.count, 0);
  if (first.format === 'json') {
    const items = chunks.flatMap((c) => JSON.parse(c.content) as unknown[]);
    return { fileName: first.fileName, format: 'json', content: JSON.stringify(items, null, 2), count };
  }
  const content = chunks
    .map((c) => c.content)
    .filter((c) => c.length > 0)
    .map((c) => (c.endsWith('\n') ? c : `${c}\n`))
    .join('');
  return { fileName: first.fileName, format: 'csv', content, count };
}

// ---------------------------------------------------------------------------------------------------
// Offboarding check (admin page subpage and issue panel) and the owner surfaces (global page, flag)

/**
 * The offboarding check's keys. The admin page and the issue panel both define them (in different
 * resolvers); `invoke` goes to the resolver of the module the surface runs in.
 */
export const offboardingApi = {
  /** The admin page passes `personId`; the issue panel passes nothing (the server reads the issue). */
  check: procedure(OFFBOARDING_KEYS.check),
  transfer: procedure(OFFBOARDING_KEYS.transfer),
  retire: procedure(OFFBOARDING_KEYS.retire),
  acknowledge: procedure(OFFBOARDING_KEYS.acknowledge),
};
export type OffboardingApi = typeof offboardingApi;

/** "My integration accounts" and the background script's notices. */
export const ownerApi = {
  myAccounts: procedure(OWNER_KEYS.myAccounts),
  attest: procedure(OWNER_KEYS.attest),
  recordRotation: procedure(OWNER_KEYS.recordRotation),
  proposeOwner: procedure(OWNER_KEYS.proposeOwner),
  acceptProposal: procedure(OWNER_KEYS.acceptProposal),
  declineProposal: procedure(OWNER_KEYS.declineProposal),
  nameBackupOwner: procedure(OWNER_KEYS.nameBackupOwner),
  choosablePeople: procedure(OWNER_KEYS.choosablePeople),
  notices: procedure(OWNER_KEYS.notices),
};
export type OwnerApi = typeof ownerApi;

/** A person found by the people picker, from Jira's own user search. */
export interface JiraPerson {
  accountId: string;
  displayName: string;
  accountType: string;
  active: boolean;
  emailAddress?: string;
  avatarUrl?: string;
}

function toJiraPerson(v: unknown): JiraPerson | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const u = v as Record<string, unknown>;
  if (typeof u.accountId !== 'string' || typeof u.displayName !== 'string') return undefined;
  const avatars = (typeof u.avatarUrls === 'object' && u.avatarUrls !== null ? u.avatarUrls : {}) as Record<
    string,
    unknown
  >;
  const avatar = avatars['48x48'] ?? avatars['32x32'];
  return {
    accountId: u.accountId,
    displayName: u.displayName,
    accountType: typeof u.accountType === 'string' ? u.accountType : 'unknown',
    active: u.active !== false,
    ...(typeof u.emailAddress === 'string' ? { emailAddress: u.emailAddress } : {}),
    ...(typeof avatar === 'string' ? { avatarUrl: avatar } : {}),
  };
}

/**
 * Active people matching a name or email, asked of Jira as the signed-in user (`requestJira`, scope
 * `read:jira-user`), so every surface can offer a picker, not only the admin page. Only `atlassian`
 * accounts (people and integration users), never apps or customers.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-search-get
 */
export async function searchJiraPeople(query: string, maxResults = 20): Promise<JiraPerson[]> {
  const q = query.trim();
  if (!q) return [];
  const body = await getJira(
    `/rest/api/3/user/search?query=${encodeURIComponent(q)}&maxResults=${String(maxResults)}`,
    'the user search',
  );
  if (!Array.isArray(body))
    throw new ApiError('INTERNAL', 'Jira answered the user search with something unexpected.');
  return body
    .map(toJiraPerson)
    .filter((u): u is JiraPerson => u !== undefined && u.active && u.accountType === 'atlassian');
}

/**
 * GETs a `/rest/api/3/…` path from Jira as the signed-in user (`requestJira`) and answers the parsed
 * JSON, or throws an `ApiError` in the app's words: a rate limit in Jira's terms (`RateLimit-Reason`,
 * `Retry-After` when Forge passes them), a refusal, or "Jira answered …". The caller checks the shape.
 */
export async function getJira(path: string, what: string): Promise<unknown> {
  let response: Awaited<ReturnType<typeof requestJira>>;
  try {
    response = await requestJira(path, { headers: { Accept: 'application/json' } });
  } catch (e) {
    const reason = e instanceof Error && e.message ? e.message : String(e);
    throw new ApiError('UNAVAILABLE', `Jira could not be reached: ${reason}`);
  }
  if (response.status === 429) {
    // Forge may not pass rate-limit headers to Custom UI (ECO-899): without them, the generic wording.
    const after = Number(response.headers.get('retry-after') ?? Number.NaN);
    throw new ApiError(
      'RATE_LIMITED',
      rateLimitMessage(
        rateLimitKind(response.headers.get('ratelimit-reason')),
        Number.isFinite(after) ? after : undefined,
        new Date(),
      ),
    );
  }
  if (response.status === 401 || response.status === 403)
    throw new ApiError('FORBIDDEN', `Jira did not let you read ${what}.`);
  if (!response.ok) throw new ApiError('INTERNAL', `Jira answered ${String(response.status)} to ${what}.`);
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new ApiError('INTERNAL', `Jira answered ${what} with something that is not JSON.`);
  }
}

/**
 * One person as Jira knows them now (for an avatar next to a name), or undefined when Jira does not
 * answer with one. Never throws: the avatar is decoration.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get
 */
export async function getJiraPerson(accountId: string): Promise<JiraPerson | undefined> {
  try {
    const response = await requestJira(`/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`, {
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) return undefined;
    return toJiraPerson(await response.json());
  } catch {
    return undefined;
  }
}
