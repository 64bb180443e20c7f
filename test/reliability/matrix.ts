/**
 * The authorization matrix: every resolver key of every resolver function (contract constants probed
 * against the manifest's functions) × every caller × every module using that function, plus unknown
 * keys and `Object.prototype` names. `runMatrix` only REPORTS violations, so a test can run it against
 * a deliberately broken app and show that it notices.
 */
import type { LocalSite } from '../../local/host/site.js';
import type { AuditRecordDto } from '../../src/contract/audit';
import type { Envelope } from '../../src/contract/envelope';
import { OFFBOARDING_KEYS, OWNER_KEYS } from '../../src/contract/resolver-keys';
import { refusalKindKey } from '../../src/app/record-refusal';
import { hasFactory, people, validPayload } from './payloads';
import {
  CALLER_NAMES,
  type CallerName,
  auditHeadSeq,
  callerId,
  contractKeyGroups,
  definedKeys,
  entityItems,
  invoke,
  isEnvelope,
  isUnknownKeyAnswer,
  kvsGet,
  resolverModules,
} from './support';

export const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
export const UNKNOWN_KEYS = [
  'nope',
  'accounts/delete',
  'ACCOUNTS/LIST',
  'accounts/list ',
  '',
  ...PROTOTYPE_KEYS,
];

/** Who may call a key of each contract group (DESIGN.md §2–3, FORGE-FACTS §8.1). */
export const GROUP_RULES: Record<string, (c: CallerName) => boolean> = {
  ADMIN_KEYS: (c) => c === 'admin',
  OVERSIGHT_KEYS: (c) => c === 'admin',
  ORG_AUDIT_KEYS: (c) => c === 'admin',
  OFFBOARDING_KEYS: (c) => c === 'admin' || c === 'staff',
  OWNER_KEYS: (c) => c !== 'anonymous',
};

/**
 * Owner keys that act on one account are decided by STORED ownership (the payloads target GitHub Sync:
 * owner Olivia, backup Ben); accepting a hand-over only by the person proposed (Oscar). Being a Jira
 * admin gives no right here.
 */
export const OWNER_TARGET_RULES: Record<string, (c: CallerName) => boolean> = {
  [OWNER_KEYS.attest]: (c) => c === 'owner' || c === 'backup',
  [OWNER_KEYS.recordRotation]: (c) => c === 'owner' || c === 'backup',
  [OWNER_KEYS.proposeOwner]: (c) => c === 'owner' || c === 'backup',
  [OWNER_KEYS.acceptProposal]: (c) => c === 'staff',
  [OWNER_KEYS.declineProposal]: (c) => c === 'staff',
  // Only the owner names the backup owner (a Jira admin does it on the admin page, not here).
  [OWNER_KEYS.nameBackupOwner]: (c) => c === 'owner',
  // Offboarding staff who are not admins act only for a departing person (docs/trust.md, "Offboarding staff"):
  // the payloads name Olivia, active and reached without a ticket, so only the admin may act.
  // handover.test.ts proves the staff's allowed paths (ticket panel, deactivated person).
  [OFFBOARDING_KEYS.transfer]: (c) => c === 'admin',
  [OFFBOARDING_KEYS.retire]: (c) => c === 'admin',
  [OFFBOARDING_KEYS.acknowledge]: (c) => c === 'admin',
};

export interface Violation {
  module: string;
  key: string;
  caller: CallerName;
  problem: string;
}

export interface MatrixReport {
  cells: number;
  denials: number;
  unauthorizedSuccesses: number;
  violations: Violation[];
  /** function → the keys it defines (found by probing). */
  keysByFunction: Record<string, string[]>;
  unknownKeyCells: number;
}

export function groupOf(key: string): string | undefined {
  return Object.entries(contractKeyGroups()).find(([, keys]) => keys.includes(key))?.[0];
}

export function expectedAllowed(key: string, caller: CallerName): boolean {
  const group = groupOf(key);
  const rule = group ? GROUP_RULES[group] : undefined;
  if (!rule) throw new Error(`no documented authorization rule for key '${key}' (group ${group ?? '?'})`);
  const target = OWNER_TARGET_RULES[key];
  return rule(caller) && (target ? target(caller) : true);
}

/** Everything stored except the audit trail (which a refusal appends to) — a refusal must change none of it. */
export function stateFingerprint(site: LocalSite): string {
  const entities = site.manifest.entities
    .map((e) => e.name)
    // The audit trail's own entities (records, head, coalesced-refusal windows) record the refusal itself.
    .filter((n) => n !== 'audit-record' && n !== 'audit-head' && n !== 'refusal-window');
  const parts = entities.map((n) => JSON.stringify(entityItems(site, n)));
  const reply = site.kvs.handle('/api/v1/query', { limit: 100 });
  parts.push(JSON.stringify((reply.body as { data?: unknown } | undefined)?.data ?? null));
  return parts.join('\n');
}

function newestAudit(site: LocalSite): AuditRecordDto | undefined {
  const seq = auditHeadSeq(site);
  const entity = kvsGet(site, String(seq).padStart(12, '0'), 'audit-record') as
    { record?: AuditRecordDto } | undefined;
  return entity?.record;
}

/** Ids of accounts a person answers for, and every other tagged account (must never show up in their data). */
function foreignAccounts(site: LocalSite, caller: CallerName): string[] {
  const me = callerId(site, caller);
  return entityItems(site, 'integration-account')
    .map((r) => r.value as { record: { accountId: string; ownerId: string; backupOwnerId?: string } })
    .filter((e) => e.record.ownerId !== me && e.record.backupOwnerId !== me)
    .map((e) => e.record.accountId);
}

export interface MatrixOptions {
  /** Back to the seed before each allowed call, so every allowed caller gets a payload that can succeed. */
  resetBeforeAllowed?: boolean;
  /** Only these keys (default: all). */
  onlyKeys?: (key: string) => boolean;
  unknownKeys?: boolean;
}

export async function runMatrix(site: LocalSite, opts: MatrixOptions = {}): Promise<MatrixReport> {
  const report: MatrixReport = {
    cells: 0,
    denials: 0,
    unauthorizedSuccesses: 0,
    violations: [],
    keysByFunction: {},
    unknownKeyCells: 0,
  };
  const fail = (module: string, key: string, caller: CallerName, problem: string) =>
    report.violations.push({ module, key, caller, problem });

  await site.reset();
  for (const [fn, modules] of resolverModules(site)) {
    const keys = await definedKeys(site, modules[0] ?? '');
    report.keysByFunction[fn] = keys;
    for (const module of modules) {
      for (const key of keys) {
        if (opts.onlyKeys && !opts.onlyKeys(key)) continue;
        await site.reset();
        // Denied callers first, on the seed state, with a payload that would succeed for an allowed one.
        const ordered = [...CALLER_NAMES].sort(
          (a, b) => Number(expectedAllowed(key, a)) - Number(expectedAllowed(key, b)),
        );
        for (const caller of ordered) {
          report.cells++;
          const allowed = expectedAllowed(key, caller);
          if (allowed && opts.resetBeforeAllowed !== false) await site.reset();
          const payload = await validPayload(site, key);
          const before = auditHeadSeq(site);
          const state = allowed ? '' : stateFingerprint(site);
          const result: Envelope<unknown> = await invoke(site, {
            moduleKey: module,
            functionKey: key,
            payload,
            accountId: callerId(site, caller),
          });
          if (!isEnvelope(result)) {
            fail(module, key, caller, `not an envelope: ${JSON.stringify(result)}`);
            continue;
          }
          if (isUnknownKeyAnswer(result)) {
            fail(module, key, caller, 'a key this function defines answered as unknown from this module');
            continue;
          }
          if (!allowed) {
            report.denials++;
            if (result.ok) {
              report.unauthorizedSuccesses++;
              fail(module, key, caller, 'UNAUTHORIZED SUCCESS');
              continue;
            }
            if (result.error.code !== 'FORBIDDEN')
              fail(module, key, caller, `refused with ${result.error.code}, expected FORBIDDEN`);
            const record = newestAudit(site);
            if (auditHeadSeq(site) !== before + 1 || !record)
              fail(module, key, caller, `refusal not audited (${auditHeadSeq(site) - before} records)`);
            else if (
              record.outcome !== 'denied' ||
              record.actor.accountId !== (callerId(site, caller) ?? null) ||
              record.source.key !== key ||
              record.source.module !== module
            )
              fail(
                module,
                key,
                caller,
                `audit record does not describe the refusal: ${JSON.stringify(record)}`,
              );
            if (stateFingerprint(site) !== state)
              fail(module, key, caller, 'a refused call changed stored state');
            continue;
          }
          if (!result.ok && result.error.code === 'FORBIDDEN')
            fail(module, key, caller, `allowed caller refused: ${result.error.message}`);
          else if (!result.ok && hasFactory(key))
            fail(module, key, caller, `valid payload failed: ${JSON.stringify(result.error)}`);
          // Owner surfaces: a person's answers carry only accounts they answer for.
          if (groupOf(key) === 'OWNER_KEYS' && result.ok) {
            const text = JSON.stringify(result.data);
            for (const foreign of foreignAccounts(site, caller))
              if (text.includes(foreign)) fail(module, key, caller, `leaks account ${foreign}`);
          }
        }
      }
      if (opts.unknownKeys === false) continue;
      for (const key of UNKNOWN_KEYS) {
        for (const caller of CALLER_NAMES) {
          report.cells++;
          report.unknownKeyCells++;
          const before = auditHeadSeq(site);
          // Unknown keys are one kind of refusal per caller and module: within a minute, the first is a
          // record and the others count in its window (src/app/record-refusal.ts).
          const windowKey = refusalKindKey(
            {
              actorId: callerId(site, caller) ?? null,
              actorKind: 'user',
              source: { kind: 'resolver', module, key: '' },
            },
            'refused',
            'NOT_FOUND',
            true,
          );
          const countBefore =
            (kvsGet(site, windowKey, 'refusal-window') as { count?: number } | undefined)?.count ?? 0;
          const result = await invoke(site, {
            moduleKey: module,
            functionKey: key,
            payload: { accountId: people(site).jenkins },
            accountId: callerId(site, caller),
          });
          if (!isEnvelope(result) || !isUnknownKeyAnswer(result)) {
            fail(module, key, caller, `unknown key answered ${JSON.stringify(result)}`);
            continue;
          }
          const record = newestAudit(site);
          const counted =
            auditHeadSeq(site) === before &&
            (kvsGet(site, windowKey, 'refusal-window') as { count?: number } | undefined)?.count ===
              countBefore + 1;
          const recorded =
            auditHeadSeq(site) === before + 1 &&
            record?.actor.accountId === (callerId(site, caller) ?? null) &&
            record.source.module === module &&
            record.source.key === key.slice(0, 100) &&
            record.outcome !== 'allowed';
          if (!counted && !recorded) fail(module, key, caller, 'unknown-key attempt not audited');
        }
      }
    }
  }
  return report;
}
