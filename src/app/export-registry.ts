import { z } from 'zod';
import type { ExportChunk } from '../contract/common';
import type { AccountRecord } from '../domain/account';
import { utcDate } from '../domain/dates';
import { registryCsv } from '../domain/registry-csv';
import { maxWarningDays } from '../domain/settings';
import { toDto } from './account-views';
import type { Invocation, RegistryDeps } from './context';
import { decodeResume, encodeResume } from './resume-token';
import { actedBy } from './acted-by';

/** Records per export chunk: 10 storage queries, well inside Forge's 5 MB response. */
const CHUNK = 1000;

/** Where the next chunk starts (the entry layer seals it with a MAC before the client sees it). */
const exportCursorSchema = z
  .object({
    /** Index into the statuses being exported. */
    s: z.number().int().min(0).max(1),
    c: z.string().min(1).max(4000).optional(),
    /** Chunks already returned. */
    n: z.number().int().min(1).max(1_000_000),
  })
  .strict();
type ExportCursor = z.infer<typeof exportCursorSchema>;

const encode = (c: ExportCursor) => encodeResume(c);
const decode = (raw: string): ExportCursor =>
  decodeResume(raw, exportCursorSchema, {
    message: 'The export cannot continue from here. Start it again.',
    field: 'cursor',
    fieldMessage: 'Start the export again.',
  });

/** The registry as CSV (the import format) or JSON, a chunk at a time. The first chunk is audited. */
export async function exportRegistry(
  input: { format: 'csv' | 'json'; status: 'active' | 'retired' | 'all'; cursor?: string | undefined },
  inv: Invocation,
  deps: RegistryDeps,
): Promise<ExportChunk> {
  const statuses = input.status === 'all' ? (['active', 'retired'] as const) : ([input.status] as const);
  const cur: ExportCursor = input.cursor ? decode(input.cursor) : { s: 0, n: 0 };
  const now = deps.clock.now();
  const records: AccountRecord[] = [];
  let s = cur.s;
  let c = cur.c;
  while (s < statuses.length && records.length < CHUNK) {
    const page = await deps.accounts.scan(statuses[s] as 'active' | 'retired', c, CHUNK - records.length);
    records.push(...page.records);
    c = page.nextCursor;
    if (!c) s++;
  }
  const next = s < statuses.length ? encode({ s, ...(c ? { c } : {}), n: cur.n + 1 }) : undefined;
  if (cur.n === 0) {
    await deps.audit.commit({
      entry: {
        ...actedBy(inv, now),
        action: 'registry.export',
        target: { type: 'registry' },
        after: { format: input.format, status: input.status },
        outcome: 'allowed',
      },
    });
  }
  const today = utcDate(now);
  const windowDays = maxWarningDays(await deps.settings.get());
  const content =
    input.format === 'csv'
      ? registryCsv(records, cur.n === 0)
      : JSON.stringify(records.map((r) => toDto(r, today, windowDays)));
  return {
    format: input.format,
    content,
    count: records.length,
    fileName: `integration-accounts-${today}.${input.format}`,
    ...(next ? { nextCursor: next } : {}),
  };
}
