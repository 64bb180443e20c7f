/**
 * Issue "Proof": identity comes from the platform's context, never from the payload. For every key of
 * every module, Nora (no rights) sends the Site Admin's account id in every field that can hold one,
 * plus fields the schemas do not know (actorId, by, principal, context…). Who acts — the actor of every
 * audit record written, and the authorization outcome — must be exactly what it is for Nora.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSite } from '../../local/host/site.js';
import type { AuditRecordDto } from '../../src/contract/audit';
import { groupOf } from './matrix';
import { people, validPayload } from './payloads';
import {
  auditHeadSeq,
  definedKeys,
  entityItems,
  invoke,
  kvsGet,
  resolverModules,
  startSite,
} from './support';

let site: LocalSite;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site.close());

const ID_FIELDS = [
  'accountId',
  'ownerId',
  'backupOwnerId',
  'personId',
  'departingId',
  'newOwnerId',
  'proposedOwnerId',
];
const EXTRA = (id: string) => ({
  actorId: id,
  by: id,
  userId: id,
  accountId: id,
  principal: { accountId: id },
  context: { accountId: id, moduleKey: 'integration-accounts-admin' },
  actor: { accountId: id, kind: 'admin' },
});

/** Every string in the payload that names a person or an account becomes `id`. */
function withId(value: unknown, id: string, known: Set<string>): unknown {
  if (typeof value === 'string') return known.has(value) ? id : value;
  if (Array.isArray(value)) return value.map((v) => withId(v, id, known));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        ID_FIELDS.includes(k) && typeof v === 'string' ? id : withId(v, id, known),
      ]),
    );
  return value;
}

function recordsSince(seq: number): AuditRecordDto[] {
  const out: AuditRecordDto[] = [];
  for (let s = seq + 1; s <= auditHeadSeq(site); s++) {
    const e = kvsGet(site, String(s).padStart(12, '0'), 'audit-record') as
      { record: AuditRecordDto } | undefined;
    if (e) out.push(e.record);
  }
  return out;
}

describe('identity from the payload is ignored', () => {
  it('for every key × module, as Nora with the admin id everywhere: actor stays Nora, outcome unchanged', async () => {
    await site.reset();
    const p = people(site);
    const known = new Set(Object.values(p));
    const problems: string[] = [];
    let calls = 0;
    for (const [, modules] of resolverModules(site)) {
      const keys = await definedKeys(site, modules[0] ?? '');
      for (const module of modules) {
        for (const key of keys) {
          await site.reset();
          const valid = await validPayload(site, key);
          const baseline = await invoke(site, {
            moduleKey: module,
            functionKey: key,
            payload: valid,
            accountId: p.nora,
          });
          const shaped = withId(valid, p.admin, known);
          const variants = [shaped, { ...(shaped as object), ...EXTRA(p.admin) }];
          for (const payload of variants) {
            calls++;
            const seq = auditHeadSeq(site);
            const r = await invoke(site, { moduleKey: module, functionKey: key, payload, accountId: p.nora });
            const where = `${module} ${key} ${JSON.stringify(payload).slice(0, 80)}`;
            for (const rec of recordsSince(seq))
              if (rec.actor.accountId !== p.nora)
                problems.push(`${where}: audit actor ${rec.actor.accountId}`);
            const group = groupOf(key);
            if (group !== 'OWNER_KEYS') {
              // Nora may not use admin or offboarding keys, whatever the payload claims.
              if (r.ok || r.error.code !== 'FORBIDDEN')
                problems.push(`${where}: ${JSON.stringify(r).slice(0, 120)}`);
              continue;
            }
            if (r.ok && !baseline.ok) problems.push(`${where}: succeeded only with the admin's id in it`);
            if (r.ok) {
              const text = JSON.stringify(r.data);
              for (const e of entityItems(site, 'integration-account'))
                if (text.includes(e.key))
                  problems.push(`${where}: shows ${e.key}, which Nora does not answer for`);
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(70);
    expect(problems).toEqual([]);
    // Nothing was ever done in the admin's name during the whole run.
    const all = entityItems(site, 'audit-record').map((r) => (r.value as { record: AuditRecordDto }).record);
    expect(
      all.filter(
        (r) =>
          r.actor.accountId === p.admin &&
          r.outcome === 'allowed' &&
          r.source.module !== 'integration-accounts-admin',
      ),
    ).toEqual([]);
  }, 120_000);
});
