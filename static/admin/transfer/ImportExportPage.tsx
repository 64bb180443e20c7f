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
import { adminApi, exportAll } from '../../shared/api';
import { flags } from '../../shared/flags';
import { errorMessage } from '../../shared/errors';
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
                {`${field}: ${message}`}
              </Text>
            ))}
          </Stack>
        ) : r.changes?.length ? (
          <Text>{`Changes ${r.changes.join(', ')}`}</Text>
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

function ImportPanel() {
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [previewedCsv, setPreviewedCsv] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [error, setError] = useState<string | undefined>();
  const fileInput = useRef<HTMLInputElement>(null);

  const preview = async () => {
    if (!csv.trim()) {
      setError('Paste the CSV, or choose a file.');
      return;
    }
    if (csv.length > MAX_IMPORT_CHARS) {
      setError('The file is too large; split it.');
      return;
    }
    setBusy('preview');
    setError(undefined);
    try {
      const r = await adminApi.previewImport({ csv });
      setReport(r);
      setPreviewedCsv(csv);
      if (r.fileErrors.length) flags.error('The file can’t be imported', new Error(r.fileErrors.join(' ')));
    } catch (e) {
      setError(errorMessage(e));
      flags.error('The preview failed', e);
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (previewedCsv === null) return;
    setBusy('apply');
    try {
      const r = await adminApi.applyImport({ csv: previewedCsv });
      setReport(r);
      const created = r.rows.filter((x) => x.applied === 'created').length;
      const updated = r.rows.filter((x) => x.applied === 'updated').length;
      flags.success(
        'Import applied',
        `${created} created, ${updated} updated, ${r.summary.unchanged} unchanged.`,
      );
    } catch (e) {
      flags.error('The import was not applied', e);
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

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
        the export’s columns: {REGISTRY_CSV_COLUMNS.slice(0, 6).join(', ')}… Unknown columns are refused;
        names are ignored.
      </Text>
      <FormField
        id="import-csv"
        label="CSV"
        error={error}
        helper="Record metadata only — never paste a token."
      >
        {(a) => (
          <Textarea
            id={a.id}
            aria-label="CSV to import"
            aria-describedby={a.describedBy}
            isInvalid={a.invalid}
            aria-invalid={a.invalid}
            isMonospaced
            minimumRows={6}
            maxHeight="30vh"
            placeholder="accountId,displayName,status,purpose,ownerId,…"
            value={csv}
            onChange={(e) => {
              setCsv(e.currentTarget.value);
              setError(undefined);
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
              flags.info('File loaded', `${file.name}: ${text.length.toLocaleString('en-GB')} characters.`);
            });
            e.currentTarget.value = '';
          }}
        />
        <Button onClick={() => fileInput.current?.click()}>Choose a CSV file</Button>
        <Button appearance="primary" onClick={() => void preview()} isLoading={busy === 'preview'}>
          Preview
        </Button>
        {applicable ? (
          <Button
            appearance="primary"
            onClick={() => void apply()}
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
