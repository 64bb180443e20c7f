import DynamicTable from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import Lozenge from '@atlaskit/lozenge';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { AuditOutcome, AuditRecordDto } from '@contract/audit';
import type { SiteUser } from '@contract/site-users';
import { ClampedText } from '../accounts/ClampedText';
import { paths } from '../routes';
import { AppLink } from './app-link';
import { AUDIT_ACTION_LABELS, auditReasonText, formatTime, humanizeCode, localizeDates } from './format';
import { nameOf } from './people-directory';

const IGNORED = new Set(['updatedAt', 'updatedBy', 'version', 'jiraCheckedAt', 'nameKey']);
const FIELD_NAMES: Record<string, string> = {
  ownerId: 'owner',
  ownerName: 'owner',
  backupOwnerId: 'backup owner',
  backupOwnerName: 'backup owner',
  reviewCadenceDays: 'review cadence',
  lastReviewedOn: 'last review',
  retireReason: 'retire reason',
  displayName: 'name',
  accountActive: 'account state',
  ownerActive: 'owner state',
  backupOwnerActive: 'backup owner state',
};

/** The top-level fields a change touched, in words (`purpose, owner`). */
export function changedFields(before: unknown, after: unknown): string[] {
  if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null) return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const names = new Set<string>();
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (IGNORED.has(key)) continue;
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key]))
      names.add(FIELD_NAMES[key] ?? humanizeCode(key).toLowerCase());
  }
  return [...names];
}

export function outcomeLozenge(outcome: AuditOutcome) {
  const appearance = outcome === 'allowed' ? 'success' : outcome === 'error' ? 'removed' : 'moved';
  return <Lozenge appearance={appearance}>{outcome === 'allowed' ? 'Done' : humanizeCode(outcome)}</Lozenge>;
}

/** A record's gist in words (the table's Details column). */
export function details(r: AuditRecordDto): string {
  const parts: string[] = [];
  if (r.action === 'account.update' && r.outcome === 'allowed') {
    const fields = changedFields(r.before, r.after);
    if (fields.length) parts.push(`Changed ${fields.join(', ')}`);
  }
  if ((r.action === 'account.tag' || r.action === 'account.retag') && r.outcome === 'allowed') {
    const after = r.after as { ownerName?: unknown; purpose?: unknown } | undefined;
    if (typeof after?.ownerName === 'string') parts.push(`Owner ${after.ownerName}`);
    if (typeof after?.purpose === 'string') parts.push(after.purpose);
  }
  // Reasons are history (never rewritten): a date in one is written in the viewer's format.
  if (r.reason) parts.push(localizeDates(auditReasonText(r.reason)));
  return parts.join(' · ');
}

const head = (withTarget: boolean): HeadType => ({
  cells: [
    { key: 'seq', content: '#', width: 4 },
    { key: 'at', content: 'When', width: 20 },
    { key: 'action', content: 'Action', width: 16 },
    { key: 'actor', content: 'By', width: 13 },
    ...(withTarget ? [{ key: 'target', content: 'Target', width: 14 }] : []),
    { key: 'outcome', content: 'Outcome', width: 9 },
    { key: 'details', content: 'Details', width: withTarget ? 24 : 38 },
  ],
});

/** Audit records, newest first, with people named from the site's users. */
export function AuditTable({
  records,
  people,
  withTarget = true,
  caption,
  isLoading,
  targetName,
  label,
}: {
  records: AuditRecordDto[];
  people: Map<string, SiteUser>;
  withTarget?: boolean;
  caption?: string;
  isLoading?: boolean;
  targetName?: (r: AuditRecordDto) => string | undefined;
  label?: string;
}) {
  const rows: RowType[] = records.map((r) => ({
    key: String(r.seq),
    testId: `audit-row-${r.seq}`,
    cells: [
      {
        key: 'seq',
        content: (
          <AppLink
            to={paths.auditRecord(r.seq)}
            label={`${String(r.seq)}: open record ${String(r.seq)}, ${AUDIT_ACTION_LABELS[r.action] ?? r.action}`}
          >
            {String(r.seq)}
          </AppLink>
        ),
      },
      { key: 'at', content: <Text>{formatTime(r.at)}</Text> },
      { key: 'action', content: <Text weight="medium">{AUDIT_ACTION_LABELS[r.action] ?? r.action}</Text> },
      {
        key: 'actor',
        content: (
          <Stack space="space.025">
            <Text>{r.actor.accountId ? nameOf(people, r.actor.accountId) : humanizeCode(r.actor.kind)}</Text>
          </Stack>
        ),
      },
      ...(withTarget
        ? [
            {
              key: 'target',
              content: (
                <Text>
                  {targetName?.(r) ??
                    (r.target.id
                      ? r.target.type === 'account'
                        ? nameOf(people, r.target.id)
                        : r.target.id
                      : humanizeCode(r.target.type))}
                </Text>
              ),
            },
          ]
        : []),
      { key: 'outcome', content: outcomeLozenge(r.outcome) },
      {
        key: 'details',
        content: details(r) ? (
          <ClampedText text={details(r)} lines={3} label={`the details of record ${String(r.seq)}`} />
        ) : (
          <Text>—</Text>
        ),
      },
    ],
  }));
  return (
    <DynamicTable
      caption={caption}
      label={label}
      head={head(withTarget)}
      rows={rows}
      isLoading={isLoading}
      emptyView={<Text color="color.text.subtle">No records.</Text>}
      testId="audit-table"
    />
  );
}
