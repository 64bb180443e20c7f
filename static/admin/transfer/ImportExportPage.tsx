import { useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import type { RowType } from '@atlaskit/dynamic-table/types';
import Heading from '@atlaskit/heading';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textarea from '@atlaskit/textarea';
import { token } from '@atlaskit/tokens';
import {
  MAX_IMPORT_CHARS,
  REGISTRY_CSV_COLUMNS,
  type ImportAction,
  type ImportReport,
  type ImportRowResult,
} from '@contract/import-export';
import { FIELD_LABELS, fieldLabel } from '@contract/words';
import { adminApi, exportAll } from '../../shared/api';
import { flags } from '../../shared/flags';
import { useMutation } from '../../shared/mutation';
import { errorMessage, readable } from '../../shared/errors';
import { FormField } from '../../shared/field';
import { ExportResult, type ExportedFile } from '../ui/ExportResult';
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

function ReportTable({ report }: { report: ImportReport }) {
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

function Summary({ report }: { report: ImportReport }) {
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
function ColumnGuide() {
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

function ImportPanel() {
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [previewedCsv, setPreviewedCsv] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const fileInput = useRef<HTMLInputElement>(null);

  const previewing = useMutation({
    check: (text: string) =>
      !text.trim()
        ? { csv: 'Paste the CSV, or choose a file.' }
        : text.length > MAX_IMPORT_CHARS
          ? { csv: 'The file is too large; split it.' }
          : undefined,
    run: (text: string) => adminApi.previewImport({ csv: text }),
    failure: 'The preview failed',
    onSuccess: (r, text) => {
      setReport(r);
      setPreviewedCsv(text);
      if (r.fileErrors.length) flags.error('The file can’t be imported', new Error(r.fileErrors.join(' ')));
    },
    onFailure: (e) => setError(e === undefined ? undefined : errorMessage(e)),
  });
  const applying = useMutation({
    run: (text: string) => adminApi.applyImport({ csv: text }),
    success: (r) => ({
      title: 'Import applied',
      description: `${r.rows.filter((x) => x.applied === 'created').length} created, ${
        r.rows.filter((x) => x.applied === 'updated').length
      } updated, ${r.summary.unchanged} unchanged.`,
    }),
    failure: 'The import was not applied',
    onSuccess: (r) => setReport(r),
    onFailure: (e) => setError(errorMessage(e)),
  });
  const busy = previewing.pending ? 'preview' : applying.pending ? 'apply' : null;
  const preview = () => {
    setError(undefined);
    void previewing.mutate(csv);
  };
  const apply = () => {
    if (previewedCsv !== null) void applying.mutate(previewedCsv);
  };
  const csvError = error ?? previewing.fieldErrors.csv;

  const applicable =
    report &&
    !report.applied &&
    report.fileErrors.length === 0 &&
    report.summary.create + report.summary.update > 0;
  const stale = report && previewedCsv !== csv;

  return (
    <Stack space="space.200">
      <Text as="p" color="color.text.subtle">
        One row per integration of an account (an account’s registration is repeated on each of its rows), in
        the export’s columns. Unknown columns are refused; names and due dates are read and ignored. Dates are
        written YYYY-MM-DD; people by their Jira account id.
      </Text>
      <ColumnGuide />
      <FormField
        id="import-csv"
        label="CSV"
        error={csvError}
        helper="Record metadata only — never paste a token."
      >
        {(a) => (
          <Textarea
            id={a.id}
            aria-label="CSV to import"
            aria-describedby={a.describedBy}
            isInvalid={a.invalid}
            isMonospaced
            minimumRows={6}
            maxHeight="30vh"
            placeholder="accountId,displayName,status,purpose,ownerId,…"
            value={csv}
            onChange={(e) => {
              setCsv(e.currentTarget.value);
              setError(undefined);
              previewing.reset();
            }}
          />
        )}
      </FormField>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv"
          aria-label="Choose a CSV file"
          style={{ display: 'none' }}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (!file) return;
            void file.text().then((text) => {
              setCsv(text);
              setError(undefined);
              flags.info('File loaded', `${file.name}: ${text.length.toLocaleString()} characters.`);
            });
            e.currentTarget.value = '';
          }}
        />
        <Button onClick={() => fileInput.current?.click()}>Choose a CSV file</Button>
        <Button appearance="primary" onClick={preview} isLoading={busy === 'preview'}>
          Preview
        </Button>
        {applicable ? (
          <Button
            appearance="primary"
            onClick={apply}
            isLoading={busy === 'apply'}
            isDisabled={Boolean(stale)}
          >
            Apply
          </Button>
        ) : null}
        {stale ? (
          <Text color="color.text.warning">The text changed since the preview: preview again.</Text>
        ) : null}
      </Inline>
      {report?.fileErrors.length ? (
        <SectionMessage appearance="error" title="The file can’t be imported">
          <Stack space="space.050">
            {report.fileErrors.map((m) => (
              <Text as="p" key={m}>
                {m}
              </Text>
            ))}
          </Stack>
        </SectionMessage>
      ) : null}
      {report && report.fileErrors.length === 0 ? (
        <Stack space="space.200">
          <Summary report={report} />
          <ReportTable report={report} />
        </Stack>
      ) : null}
    </Stack>
  );
}

type StatusOpt = { value: 'all' | 'active' | 'retired'; label: string };
const STATUS_OPTIONS: StatusOpt[] = [
  { value: 'all', label: 'All accounts' },
  { value: 'active', label: 'Tagged only' },
  { value: 'retired', label: 'Retired only' },
];

function ExportPanel() {
  const [status, setStatus] = useState<StatusOpt>(STATUS_OPTIONS[0]!);
  const [busy, setBusy] = useState<'csv' | 'json' | null>(null);
  const [files, setFiles] = useState<ExportedFile[]>([]);
  const run = async (format: 'csv' | 'json') => {
    setBusy(format);
    try {
      const file = await exportAll((cursor) =>
        adminApi.exportRegistry({ format, status: status.value, ...(cursor ? { cursor } : {}) }),
      );
      setFiles((fs) => [file, ...fs.filter((f) => f.format !== format)]);
      flags.success('Registry exported', `${plural(file.count, 'record')} in ${file.fileName}.`);
    } catch (e) {
      flags.error('The export failed', e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack space="space.200">
      <Text as="p" color="color.text.subtle">
        The CSV is the import format: edit it and import it back. Every export is recorded in the audit log.
      </Text>
      <Inline space="space.150" alignBlock="end" shouldWrap>
        <div style={{ width: 200 }}>
          <FormField id="export-status" label="Accounts">
            {(a) => (
              <Select<StatusOpt, false>
                inputId={a.id}
                aria-label="Accounts to export"
                options={STATUS_OPTIONS}
                value={status}
                onChange={(o) => o && setStatus(o)}
              />
            )}
          </FormField>
        </div>
        <Button onClick={() => void run('csv')} isLoading={busy === 'csv'}>
          Export CSV
        </Button>
        <Button onClick={() => void run('json')} isLoading={busy === 'json'}>
          Export JSON
        </Button>
      </Inline>
      {files.map((f) => (
        <ExportResult key={f.format} file={f} label="Registry" />
      ))}
    </Stack>
  );
}

export default function ImportExportPage() {
  return (
    <div style={{ display: 'grid', gap: token('space.400') }}>
      <section aria-label="Import">
        <Stack space="space.150">
          <Heading size="small" as="h2">
            Import from CSV
          </Heading>
          <ImportPanel />
        </Stack>
      </section>
      <section aria-label="Export">
        <Stack space="space.150">
          <Heading size="small" as="h2">
            Export the registry
          </Heading>
          <ExportPanel />
        </Stack>
      </section>
    </div>
  );
}
