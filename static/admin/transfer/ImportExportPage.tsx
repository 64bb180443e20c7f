import { useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textarea from '@atlaskit/textarea';
import { token } from '@atlaskit/tokens';
import { MAX_IMPORT_CHARS, type ImportReport } from '@contract/import-export';
import { adminApi, exportAll } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { FormField } from '../../shared/field';
import { flags } from '../../shared/flags';
import { useMutation } from '../../shared/mutation';
import { ExportResult, type ExportedFile } from '../ui/ExportResult';
import { plural } from '../ui/format';
import { ColumnGuide, ReportTable, Summary } from './ImportReport';

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
            aria-invalid={a.invalid}
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
              <Select<StatusOpt>
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
