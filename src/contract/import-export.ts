import { z } from 'zod';
import { cursorSchema, exportFormatSchema } from './common';

/** ~400 k characters keeps the `invoke` request under Forge's 500 KB (FORGE-FACTS §5). */
export const MAX_IMPORT_CHARS = 400_000;
export const MAX_IMPORT_ACCOUNTS = 500;

export const importInput = z
  .object({
    csv: z.string().min(1, 'The file is empty.').max(MAX_IMPORT_CHARS, 'The file is too large; split it.'),
  })
  .strict();
export type ImportInput = z.input<typeof importInput>;

export type ImportAction = 'create' | 'update' | 'unchanged' | 'skip' | 'error';

export interface ImportRowResult {
  /** 1-based line numbers of the CSV rows of this account (header = line 1). */
  lines: number[];
  accountId: string;
  action: ImportAction;
  /** Field → message, for `error`. */
  errors?: Record<string, string>;
  /** Field names that differ, for `update`. */
  changes?: string[];
  /** For `skip`. */
  note?: string;
  /** After `import/apply`: what happened to this account. */
  applied?: 'created' | 'updated' | 'failed';
}

export interface ImportReport {
  rows: ImportRowResult[];
  summary: Record<ImportAction, number>;
  /** Problems with the whole file (unknown columns, unreadable CSV). No row is applied when present. */
  fileErrors: string[];
  applied: boolean;
}

export const exportRegistryInput = z
  .object({
    format: exportFormatSchema,
    status: z.enum(['active', 'retired', 'all']).default('all'),
    cursor: cursorSchema.optional(),
  })
  .strict();
export type ExportRegistryInput = z.input<typeof exportRegistryInput>;

/** The columns of one integration, the last of each row. */
export const INTEGRATION_CSV_COLUMNS = [
  'system',
  'environment',
  'credentialKind',
  'credentialLabel',
  'credentialExpiresOn',
  'lastRotatedOn',
] as const;

/** The registry CSV columns, in order. Export writes all; import reads the editable ones and ignores the rest. */
export const REGISTRY_CSV_COLUMNS = [
  'accountId',
  'displayName',
  'status',
  'purpose',
  'ownerId',
  'ownerName',
  'backupOwnerId',
  'backupOwnerName',
  'reviewCadenceDays',
  'lastReviewedOn',
  'reviewDueOn',
  'notes',
  ...INTEGRATION_CSV_COLUMNS,
] as const;
export type RegistryCsvColumn = (typeof REGISTRY_CSV_COLUMNS)[number];
