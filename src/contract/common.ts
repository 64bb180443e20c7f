import { z } from 'zod';

/** A Jira account id (`User.accountId`, ≤ 128 chars; FORGE-FACTS §6.1). */
export const accountIdSchema = z
  .string()
  .trim()
  .min(1, 'Pick an account.')
  .max(128, 'An account id has at most 128 characters.')
  .regex(/^[A-Za-z0-9:_-]+$/, 'Not a Jira account id.');

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is `YYYY-MM-DD` and names a day that exists (no 2026-02-30). */
export function isRealDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1970 || year > 9999) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** A calendar date, `YYYY-MM-DD`, that really exists. */
export const isoDateSchema = z
  .string()
  .trim()
  .refine(isRealDate, { message: 'Enter a real date as YYYY-MM-DD.' });

/** An opaque paging cursor handed out by a previous page. */
export const cursorSchema = z.string().min(1).max(4000);

export const pageSizeSchema = z.number().int().min(1).max(100);

/** A person as the UI shows them next to an account. */
export interface PersonRef {
  accountId: string;
  displayName: string;
  /** Last known Jira state: live on the account page, as of `jiraCheckedAt` in lists. */
  active?: boolean;
}

/** Export formats. */
export const exportFormatSchema = z.enum(['csv', 'json']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** One chunk of an export; call again with `nextCursor` until it is absent, and concatenate `content`. */
export interface ExportChunk {
  format: ExportFormat;
  /** CSV text (the header only in the first chunk) or a JSON array's items as a JSON array. */
  content: string;
  /** How many records this chunk holds. */
  count: number;
  fileName: string;
  nextCursor?: string;
}
