/** The import's preview and result, and what each CSV column is, in the form's words. */
import DynamicTable from '@atlaskit/dynamic-table';
import type { RowType } from '@atlaskit/dynamic-table/types';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import {
  REGISTRY_CSV_COLUMNS,
  type ImportAction,
  type ImportReport,
  type ImportRowResult,
} from '@contract/import-export';
import { FIELD_LABELS, fieldLabel } from '@contract/words';
import { readable } from '../../shared/errors';
import { plural } from '../ui/format';
import { usePeople } from '../ui/people-directory';

const ACTIONS: Record<ImportAction, { label: string; appearance: ThemeAppearance }> = {
  create: { label: 'New', appearance: 'new' },
  update: { label: 'Update', appearance: 'inprogress' },
  unchanged: { label: 'Unchanged', appearance: 'default' },
  skip: { label: 'Skipped', appearance: 'moved' },
  error: { label: 'Error', appearance: 'removed' },
};
const APPLIED: Record<
  NonNullable<ImportRowResult['applied']>,
  { label: string; appearance: ThemeAppearance }
> = {
  created: { label: 'Created', appearance: 'success' },
  updated: { label: 'Updated', appearance: 'success' },
  failed: { label: 'Failed', appearance: 'removed' },
};

export function ReportTable({ report }: { report: ImportReport }) {
  const people = usePeople();
  const rows: RowType[] = report.rows.map((r) => ({
    key: `${r.accountId}-${r.lines.join('-')}`,
    cells: [
      { key: 'lines', content: <Text color="color.text.subtle">{r.lines.join(', ')}</Text> },
      {
        key: 'account',
        content: <Text weight="medium">{people.get(r.accountId)?.displayName ?? r.accountId}</Text>,
      },
      {
        key: 'result',
        content: (
          <Inline space="space.050">
            <Lozenge appearance={ACTIONS[r.action].appearance}>{ACTIONS[r.action].label}</Lozenge>
            {r.applied ? (
              <Lozenge appearance={APPLIED[r.applied].appearance}>{APPLIED[r.applied].label}</Lozenge>
            ) : null}
          </Inline>
        ),
      },
      {
        key: 'details',
        content: r.errors ? (
          <Stack space="space.025">
            {Object.entries(r.errors).map(([field, message]) => (
              <Text key={field} color="color.text.danger">
                {fieldLabel(field) ? `${fieldLabel(field)}: ${readable(message)}` : readable(message)}
              </Text>
            ))}
          </Stack>
        ) : r.changes?.length ? (
          <Text>{`Changes ${r.changes.map((c) => fieldLabel(c).toLowerCase()).join(', ')}`}</Text>
        ) : r.note ? (
          <Text color="color.text.subtle">{r.note}</Text>
        ) : (
          <Text color="color.text.subtlest">{r.action === 'create' ? 'Will be tagged' : '—'}</Text>
        ),
      },
    ],
  }));
  return (
    <DynamicTable
      caption={report.applied ? 'Import result per account' : 'Preview per account'}
      head={{
        cells: [
          { key: 'lines', content: 'Lines', width: 8 },
          { key: 'account', content: 'Account', width: 24 },
          { key: 'result', content: report.applied ? 'Result' : 'Check', width: 18 },
          { key: 'details', content: 'Details', width: 50 },
        ],
      }}
      rows={rows}
      rowsPerPage={50}
      testId="import-report"
    />
  );
}

export function Summary({ report }: { report: ImportReport }) {
  const s = report.summary;
  const applied = report.rows.reduce(
    (acc, r) => {
      if (r.applied) acc[r.applied]++;
      return acc;
    },
    { created: 0, updated: 0, failed: 0 },
  );
  if (report.applied)
    return (
      <SectionMessage appearance={applied.failed ? 'warning' : 'success'} title="Import applied">
        <Text as="p">
          {`${plural(applied.created, 'account')} created, ${applied.updated} updated, ${s.unchanged} unchanged` +
            (s.skip ? `, ${s.skip} skipped` : '') +
            (applied.failed ? `, ${applied.failed} failed` : '') +
            (s.error ? `; ${plural(s.error, 'row')} with errors were not applied` : '') +
            '.'}
        </Text>
      </SectionMessage>
    );
  return (
    <SectionMessage appearance={s.error ? 'warning' : 'information'} title="Preview">
      <Text as="p">
        {`${s.create} new, ${s.update} to update, ${s.unchanged} unchanged, ${s.skip} skipped, ${plural(s.error, 'error')}. ` +
          (s.error
            ? 'Rows with errors are not applied; fix them in the file, or apply the rest.'
            : 'Nothing has been saved yet.')}
      </Text>
    </SectionMessage>
  );
}

/** Each CSV column with the form field it fills, so the file and the form speak the same words. */
export function ColumnGuide() {
  return (
    <details>
      <summary>
        <Text weight="medium">What each column is</Text>
      </summary>
      <dl
        style={{
          display: 'grid',
          gridTemplateColumns: 'max-content 1fr',
          columnGap: token('space.200'),
          rowGap: token('space.050'),
          margin: `${token('space.100')} 0 0`,
        }}
      >
        {REGISTRY_CSV_COLUMNS.map((c) => (
          <div key={c} style={{ display: 'contents' }}>
            <dt>
              <code>{c}</code>
            </dt>
            <dd style={{ margin: 0 }}>
              <Text>{`${FIELD_LABELS[c] ?? c}${READ_ONLY.has(c) ? ' (export only, ignored on import)' : ''}`}</Text>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
const READ_ONLY = new Set(['displayName', 'ownerName', 'backupOwnerName', 'lastReviewedOn', 'reviewDueOn']);
