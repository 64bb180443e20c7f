import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  type AuditAction,
  type AuditListInput,
  type AuditOutcome,
  type AuditPage as Page,
  type AuditRecordDto,
  type AuditVerifyReport,
} from '@contract/audit';
import { adminApi, exportAll } from '../../shared/api';
import { flags } from '../../shared/flags';
import { useDebounced, usePaged } from '../../shared/hooks';
import { ErrorState, LoadingState } from '../../shared/states';
import { AuditTable } from '../ui/AuditTable';
import { ExportResult, type ExportedFile } from '../ui/ExportResult';
import { DateField, FormField } from '../../shared/field';
import { AUDIT_ACTION_LABELS, humanizeCode, plural } from '../ui/format';
import { usePeople } from '../ui/people-directory';
import { UserPicker, type PickedUser } from '../ui/UserPicker';

interface Opt<T extends string> {
  value: T;
  label: string;
}
const ACTION_OPTIONS: Opt<AuditAction>[] = AUDIT_ACTIONS.map((a) => ({
  value: a,
  label: AUDIT_ACTION_LABELS[a] ?? a,
}));
const OUTCOME_OPTIONS: Opt<AuditOutcome>[] = AUDIT_OUTCOMES.map((o) => ({
  value: o,
  label: humanizeCode(o),
}));

interface Filters {
  action: AuditAction | null;
  outcome: AuditOutcome | null;
  actor: PickedUser | null;
  target: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { action: null, outcome: null, actor: null, target: '', from: '', to: '' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function filterInput(f: Filters, target: string): Omit<AuditListInput, 'pageSize' | 'cursor'> {
  return {
    ...(f.action ? { action: f.action } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.actor ? { actorId: f.actor.accountId } : {}),
    ...(target.trim() ? { targetId: target.trim() } : {}),
    ...(DATE.test(f.from) ? { from: f.from } : {}),
    ...(DATE.test(f.to) ? { to: f.to } : {}),
  };
}

function VerifyResult({ report }: { report: AuditVerifyReport }) {
  if (report.ok)
    return (
      <SectionMessage appearance="success" title="The audit log is intact">
        <Text as="p">
          {`${plural(report.checked, 'record')} checked, up to #${report.head.seq}. No record was edited, removed or reordered.`}
        </Text>
      </SectionMessage>
    );
  return (
    <SectionMessage
      appearance="error"
      title={`The audit log was tampered with: ${plural(report.problems.length, 'problem')}`}
    >
      <Stack space="space.100">
        <Text as="p">{`${plural(report.checked, 'record')} checked, up to #${report.head.seq}.`}</Text>
        <ul style={{ margin: 0, paddingInlineStart: token('space.300') }}>
          {report.problems.map((p) => (
            <li key={`${p.kind}-${p.seq}`}>
              <Text>
                <Text weight="bold">{`${humanizeCode(p.kind)} at #${p.seq}: `}</Text>
                {p.message}
              </Text>
            </li>
          ))}
        </ul>
      </Stack>
    </SectionMessage>
  );
}

export default function AuditPage() {
  const people = usePeople();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const target = useDebounced(filters.target, 400);
  const input = useMemo(() => filterInput(filters, target), [filters, target]);
  const { state, loadMore, loadingMore, moreError, reload } = usePaged<AuditRecordDto, Page>(
    (cursor) => adminApi.listAudit({ ...input, pageSize: 50, ...(cursor ? { cursor } : {}) }),
    (p) => p.records,
    JSON.stringify(input),
  );
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyReport | null>(null);
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);
  const [files, setFiles] = useState<ExportedFile[]>([]);
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));
  const dateError =
    DATE.test(filters.from) && DATE.test(filters.to) && filters.from > filters.to
      ? 'The start is after the end.'
      : undefined;

  const runVerify = async () => {
    setVerifying(true);
    try {
      let report = await adminApi.verifyAudit({});
      for (let i = 0; report.resume && i < 200; i++)
        report = await adminApi.verifyAudit({ resume: report.resume });
      setVerify(report);
      if (report.ok)
        flags.success(
          'Audit log verified',
          `${plural(report.checked, 'record')} checked; the chain is intact.`,
        );
      else
        flags.error(
          'Audit log verification failed',
          new Error(`${plural(report.problems.length, 'problem')} found.`),
        );
      reload();
    } catch (e) {
      flags.error('The audit log could not be verified', e);
    } finally {
      setVerifying(false);
    }
  };

  const runExport = async (format: 'csv' | 'json') => {
    setExporting(format);
    try {
      const file = await exportAll((cursor) =>
        adminApi.exportAudit({ ...input, format, ...(cursor ? { cursor } : {}) }),
      );
      setFiles((fs) => [file, ...fs.filter((f) => f.format !== format)]);
      flags.success('Audit log exported', `${plural(file.count, 'record')} in ${file.fileName}.`);
    } catch (e) {
      flags.error('The audit log export failed', e);
    } finally {
      setExporting(null);
    }
  };

  const targetName = (r: AuditRecordDto): string | undefined => {
    const after = r.after as { displayName?: unknown } | undefined;
    const before = r.before as { displayName?: unknown } | undefined;
    const name = after?.displayName ?? before?.displayName;
    return typeof name === 'string' ? name : undefined;
  };

  return (
    <Stack space="space.300">
      <Inline spread="space-between" alignBlock="center" shouldWrap space="space.200">
        <Text as="p" color="color.text.subtle">
          Every change and every refused attempt, newest first. Each record is chained to the one before it,
          so edits, deletions and reordering show when you verify.
        </Text>
        <Inline space="space.100">
          <Button onClick={() => void runExport('csv')} isLoading={exporting === 'csv'}>
            Export CSV
          </Button>
          <Button onClick={() => void runExport('json')} isLoading={exporting === 'json'}>
            Export JSON
          </Button>
          <Button appearance="primary" onClick={() => void runVerify()} isLoading={verifying}>
            Verify
          </Button>
        </Inline>
      </Inline>
      {verify ? <VerifyResult report={verify} /> : null}
      {files.map((f) => (
        <ExportResult key={f.format} file={f} label="Audit log" />
      ))}

      <div
        role="search"
        aria-label="Filter the audit log"
        style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200'), alignItems: 'flex-start' }}
      >
        <div style={{ width: 210 }}>
          <FormField id="audit-action" label="Action">
            {(a) => (
              <Select<Opt<AuditAction>>
                inputId={a.id}
                aria-label="Action"
                isClearable
                placeholder="Any action"
                options={ACTION_OPTIONS}
                value={ACTION_OPTIONS.find((o) => o.value === filters.action) ?? null}
                onChange={(o) => set('action', o?.value ?? null)}
              />
            )}
          </FormField>
        </div>
        <div style={{ width: 150 }}>
          <FormField id="audit-outcome" label="Outcome">
            {(a) => (
              <Select<Opt<AuditOutcome>>
                inputId={a.id}
                aria-label="Outcome"
                isClearable
                placeholder="Any"
                options={OUTCOME_OPTIONS}
                value={OUTCOME_OPTIONS.find((o) => o.value === filters.outcome) ?? null}
                onChange={(o) => set('outcome', o?.value ?? null)}
              />
            )}
          </FormField>
        </div>
        <div style={{ width: 220 }}>
          <FormField id="audit-actor" label="Actor">
            {(a) => (
              <UserPicker
                id={a.id}
                label="Actor"
                kind="any"
                value={filters.actor}
                onChange={(u) => set('actor', u)}
                placeholder="Anyone"
              />
            )}
          </FormField>
        </div>
        <div style={{ width: 200 }}>
          <FormField id="audit-target" label="Target id">
            {(a) => (
              <Textfield
                id={a.id}
                aria-label="Target id"
                placeholder="Account id"
                value={filters.target}
                onChange={(e) => set('target', e.currentTarget.value)}
              />
            )}
          </FormField>
        </div>
        <div style={{ width: 160 }}>
          <DateField
            id="audit-from"
            label="From"
            error={dateError}
            value={filters.from}
            onChange={(v) => set('from', v)}
          />
        </div>
        <div style={{ width: 160 }}>
          <DateField id="audit-to" label="To" value={filters.to} onChange={(v) => set('to', v)} />
        </div>
        {JSON.stringify(filters) !== JSON.stringify(EMPTY) ? (
          <div style={{ paddingTop: token('space.300') }}>
            <Button appearance="subtle" onClick={() => setFilters(EMPTY)}>
              Clear filters
            </Button>
          </div>
        ) : null}
      </div>

      {state.status === 'error' ? (
        <ErrorState title="We couldn’t load the audit log" error={state.error} onRetry={reload} />
      ) : null}
      {state.status === 'loading' && !state.data ? <LoadingState label="Loading the audit log" /> : null}
      {state.data && state.status !== 'error' ? (
        <Stack space="space.200">
          <AuditTable
            records={state.data.items}
            people={people}
            targetName={targetName}
            isLoading={state.status === 'loading'}
            caption={`Audit records (${state.data.items.length}${state.data.nextCursor ? '+' : ''})`}
          />
          {moreError ? (
            <ErrorState title="We couldn’t load more records" error={moreError} onRetry={loadMore} />
          ) : null}
          <Box>
            {state.data.nextCursor ? (
              <Inline alignInline="center">
                <Button onClick={loadMore} isLoading={loadingMore} aria-label="Load more audit records">
                  Load more
                </Button>
              </Inline>
            ) : (
              <Text as="p" align="center" color="color.text.subtlest">
                {`${plural(state.data.items.length, 'record')} shown.`}
              </Text>
            )}
          </Box>
        </Stack>
      ) : null}
    </Stack>
  );
}
