import { createHash } from 'node:crypto';
import type { AuditRecordDto, ChainProblem } from '../contract/audit';

/** An audit record before it is sealed into the chain. */
export type AuditEntry = Omit<AuditRecordDto, 'prevHash' | 'hash'>;

/** The `prevHash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON: object keys sorted, `undefined` members dropped, no whitespace. Equal values give
 * equal text whatever the key order they were built or stored in.
 */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function entryOf(record: AuditRecordDto): AuditEntry {
  const { prevHash: _p, hash: _h, ...entry } = record;
  return entry;
}

/** `sha256(prevHash ‖ canonical(entry))`, hex. */
export function chainHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256').update(prevHash).update(canonical(entry)).digest('hex');
}

export function seal(entry: AuditEntry, prevHash: string): AuditRecordDto {
  return { ...entry, prevHash, hash: chainHash(prevHash, entry) };
}

/** A stored record and the sequence number its storage key names. */
export interface StoredAuditRecord {
  keySeq: number;
  record: AuditRecordDto;
}

export interface ChainCursor {
  /** The sequence number the next record must have. */
  nextSeq: number;
  /** The hash the next record must link to. */
  prevHash: string;
}

export const chainStart = (): ChainCursor => ({ nextSeq: 1, prevHash: GENESIS_HASH });

/**
 * Checks stored records, in key order, continuing from `from`. Finds records edited in place (the
 * hash no longer matches the content, or the link to the record before breaks), removed (a gap in the
 * sequence), and reordered (a record sits under another record's key). Each problem is reported once
 * and the check carries on from the stored record, so one tampered record does not hide others.
 */
export function verifyChain(
  records: readonly StoredAuditRecord[],
  from: ChainCursor,
): { problems: ChainProblem[]; cursor: ChainCursor } {
  const problems: ChainProblem[] = [];
  let { nextSeq, prevHash } = from;
  // A misplaced record also breaks the link of the record after it: that break is already explained.
  let afterMisplaced = false;
  for (const { keySeq, record } of records) {
    let explained = afterMisplaced;
    afterMisplaced = false;
    if (record.seq !== keySeq) {
      problems.push({
        kind: 'reordered',
        seq: keySeq,
        message: `Record ${record.seq} is stored in the place of record ${keySeq}.`,
      });
      explained = true;
      afterMisplaced = true;
    } else if (keySeq > nextSeq) {
      problems.push({
        kind: 'removed',
        seq: nextSeq,
        message:
          keySeq - nextSeq === 1
            ? `Record ${nextSeq} is missing.`
            : `Records ${nextSeq}–${keySeq - 1} are missing.`,
      });
      explained = true;
    } else if (keySeq < nextSeq) {
      problems.push({
        kind: 'reordered',
        seq: keySeq,
        message: `Record ${keySeq} appears after record ${nextSeq - 1}.`,
      });
      explained = true;
    }
    if (chainHash(record.prevHash, entryOf(record)) !== record.hash) {
      problems.push({
        kind: 'edited',
        seq: keySeq,
        message: `Record ${keySeq} was changed after it was written.`,
      });
    } else if (!explained && record.prevHash !== prevHash) {
      problems.push({
        kind: 'edited',
        seq: keySeq,
        message: `Record ${keySeq} no longer links to record ${keySeq - 1}: one of them was changed.`,
      });
    }
    prevHash = record.hash;
    nextSeq = Math.max(nextSeq, keySeq) + 1;
  }
  return { problems, cursor: { nextSeq, prevHash } };
}

/** After the last record: does the chain end where the head says it does? */
export function checkHead(cursor: ChainCursor, head: { seq: number; hash: string }): ChainProblem[] {
  const lastSeq = cursor.nextSeq - 1;
  if (head.seq > lastSeq)
    return [
      {
        kind: 'removed',
        seq: lastSeq + 1,
        message:
          head.seq - lastSeq === 1
            ? `Record ${head.seq} is missing.`
            : `Records ${lastSeq + 1}–${head.seq} are missing.`,
      },
    ];
  if (head.seq === lastSeq && head.hash !== cursor.prevHash)
    return [
      {
        kind: 'head-mismatch',
        seq: lastSeq,
        message: `Record ${lastSeq} differs from the one the chain head names.`,
      },
    ];
  return [];
}
