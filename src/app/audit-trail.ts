import { z } from 'zod';
import type { AuditList, AuditRecordDto, AuditVerifyReport } from '../contract/audit';
import type { ExportChunk } from '../contract/common';
import { type ChainCursor, chainStart, checkHead, verifyChain } from '../domain/audit-chain';
import { toCsv } from '../domain/csv';
import { utcDate } from '../domain/dates';
import type { Invocation, RegistryDeps } from './context';
import { decodeResume, encodeResume } from './resume-token';
import { actedBy } from './acted-by';

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'actorId',
  'actorKind',
  'sourceKind',
  'sourceModule',
  'sourceKey',
  'action',
  'targetType',
  'targetId',
  'outcome',
  'reason',
  'before',
  'after',
  'prevHash',
  'hash',
] as const;

export function auditCsvRow(r: AuditRecordDto): string[] {
  const json = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));
  return [
    String(r.seq),
    r.at,
    r.actor.accountId ?? '',
    r.actor.kind,
    r.source.kind,
    r.source.module,
    r.source.key,
    r.action,
    r.target.type,
    r.target.id ?? '',
    r.outcome,
    r.reason ?? '',
    json(r.before),
    json(r.after),
    r.prevHash,
    r.hash,
  ];
}

function entry(inv: Invocation, now: Date, action: 'audit.export' | 'audit.verify', after: unknown) {
  return {
    ...actedBy(inv, now),
    action,
    target: { type: 'audit' as const },
    after,
    outcome: 'allowed' as const,
  };
}

/** Pages per export chunk (100 records each). */
const EXPORT_PAGES = 10;

/** The filtered trail, newest first, as CSV or JSON, a chunk at a time; the first chunk is audited. */
export async function exportAudit(
  input: Omit<AuditList, 'pageSize'> & { format: 'csv' | 'json' },
  inv: Invocation,
  deps: RegistryDeps,
): Promise<ExportChunk> {
  const { format, cursor: start, ...filters } = input;
  const now = deps.clock.now();
  const records: AuditRecordDto[] = [];
  let cursor = start;
  for (let i = 0; i < EXPORT_PAGES; i++) {
    const page = await deps.audit.list({ ...filters, pageSize: 100, ...(cursor ? { cursor } : {}) });
    records.push(...page.records);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  if (!start) await deps.audit.commit({ entry: entry(inv, now, 'audit.export', { format, filters }) });
  const content =
    format === 'csv'
      ? toCsv(start ? records.map(auditCsvRow) : [[...AUDIT_CSV_COLUMNS], ...records.map(auditCsvRow)])
      : JSON.stringify(records);
  return {
    format,
    content,
    count: records.length,
    fileName: `integration-accounts-audit-${utcDate(now)}.${format}`,
    ...(cursor ? { nextCursor: cursor } : {}),
  };
}

/** Records checked per verify call (50 storage reads), well inside the 25 s resolver limit. */
const VERIFY_BATCH = 100;
const VERIFY_PER_CALL = 5000;

const HASH = z.string().regex(/^[0-9a-f]{64}$/);
/** Where a long verification stands (sealed with a MAC by the entry layer before the client holds it). */
const verifyResumeSchema = z
  .object({
    nextSeq: z.number().int().min(1),
    prevHash: HASH,
    head: z.object({ seq: z.number().int().min(0), hash: HASH }).strict(),
    checked: z.number().int().min(0),
    problems: z
      .array(
        z
          .object({
            kind: z.enum(['edited', 'removed', 'reordered', 'head-mismatch']),
            seq: z.number().int(),
            message: z.string().max(500),
          })
          .strict(),
      )
      .max(10_000),
  })
  .strict()
  .refine((r) => r.nextSeq <= r.head.seq + 1 && r.checked < r.nextSeq, 'inconsistent');
type VerifyResume = z.infer<typeof verifyResumeSchema>;

const decodeVerifyResume = (raw: string): VerifyResume =>
  decodeResume(raw, verifyResumeSchema, {
    message: 'This verification cannot be resumed. Start it again.',
    field: 'resume',
    fieldMessage: 'Start the verification again.',
  });

/**
 * Re-computes the hash chain from the first record to the head read at the start: reports records
 * edited, removed or reordered, and a head that does not match the last record. The verification
 * itself is recorded (after the range it checked).
 */
export async function verifyAudit(
  input: { resume?: string | undefined },
  inv: Invocation,
  deps: RegistryDeps,
): Promise<AuditVerifyReport> {
  const state: VerifyResume = input.resume
    ? decodeVerifyResume(input.resume)
    : { ...chainStart(), head: await deps.audit.head(), checked: 0, problems: [] };
  let cursor: ChainCursor = { nextSeq: state.nextSeq, prevHash: state.prevHash };
  let checked = state.checked;
  const problems = [...state.problems];
  let readThisCall = 0;
  let complete = false;
  for (;;) {
    if (cursor.nextSeq > state.head.seq) {
      complete = true;
      break;
    }
    if (readThisCall >= VERIFY_PER_CALL) break;
    const stored = (await deps.audit.readFrom(cursor.nextSeq, VERIFY_BATCH)).filter(
      (s) => s.keySeq <= state.head.seq,
    );
    if (stored.length === 0) {
      complete = true;
      break;
    }
    const result = verifyChain(stored, cursor);
    problems.push(...result.problems);
    cursor = result.cursor;
    checked += stored.length;
    readThisCall += stored.length;
  }
  if (!complete) {
    const resume: VerifyResume = { ...cursor, head: state.head, checked, problems };
    return {
      ok: false,
      checked,
      head: state.head,
      problems,
      resume: encodeResume(resume),
    };
  }
  problems.push(...checkHead(cursor, state.head));
  // A head moved back hides the records after it from the walk above: they must not exist.
  const [beyond] = await deps.audit.readFrom(state.head.seq + 1, 1);
  if (beyond)
    problems.push({
      kind: 'head-mismatch',
      seq: beyond.keySeq,
      message: `Record ${beyond.keySeq} exists after the head (${state.head.seq}): the head was moved back.`,
    });
  const report: AuditVerifyReport = { ok: problems.length === 0, checked, head: state.head, problems };
  try {
    await deps.audit.commit({
      entry: entry(inv, deps.clock.now(), 'audit.verify', {
        ok: report.ok,
        checked,
        headSeq: state.head.seq,
        problems: problems.length,
      }),
    });
  } catch (e) {
    // A tampered chain may refuse every append (the head points at a record that exists): the
    // report is what the admin needs, so it is answered even when it cannot be recorded.
    if (report.ok) throw e;
    console.error(
      'Could not record the verification of a damaged audit trail',
      e instanceof Error ? e.message : e,
    );
  }
  return report;
}
