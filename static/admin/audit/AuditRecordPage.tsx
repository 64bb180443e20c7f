/**
 * Audit log → one record (`/audit/<seq>`, linkable): every field as sealed in the chain — when, who,
 * from where, what, on what, the outcome and why, the full before/after, and the hashes that link it.
 */
import { useEffect, useId, type ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { token } from '@atlaskit/tokens';
import type { AuditRecordDto } from '@contract/audit';
import { adminApi, isApiError } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { EmptyView, ErrorState, LoadingState } from '../../shared/states';
import { useRouter } from '../../shared/router';
import { paths } from '../routes';
import { AppLink } from '../ui/app-link';
import { outcomeLozenge } from '../ui/AuditTable';
import { AUDIT_ACTION_LABELS, auditReasonText, formatTime, humanizeCode, localizeDates } from '../ui/format';

/** A refusal window (`2026-05-01T14:03`, a UTC minute) in the viewer's format and zone. */
const minuteOf = (window: string) => formatTime(`${window}:00Z`);
import { nameOf, usePeople } from '../ui/people-directory';

const mono = { fontFamily: token('font.family.code'), overflowWrap: 'anywhere' } as const;

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      style={{
        ...mono,
        margin: 0,
        padding: token('space.100'),
        maxHeight: 360,
        overflow: 'auto',
        whiteSpace: 'pre-wrap',
        background: token('color.background.neutral'),
        color: token('color.text'),
        borderRadius: token('radius.medium'),
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt style={{ color: token('color.text.subtle'), fontWeight: token('font.weight.medium') }}>{term}</dt>
      <dd style={{ margin: 0, minWidth: 0 }}>{children}</dd>
    </>
  );
}

function RecordFields({ record: r }: { record: AuditRecordDto }) {
  const people = usePeople();
  const person = (id: string) => `${nameOf(people, id)} (${id})`;
  return (
    <dl
      style={{
        display: 'grid',
        gridTemplateColumns: 'minmax(120px, max-content) 1fr',
        columnGap: token('space.300'),
        rowGap: token('space.150'),
        margin: 0,
      }}
    >
      <Row term="When">
        <time dateTime={r.at}>
          <Text>{formatTime(r.at)}</Text>
        </time>
      </Row>
      <Row term="Action">
        <Text>{`${AUDIT_ACTION_LABELS[r.action] ?? r.action} (${r.action})`}</Text>
      </Row>
      <Row term="Outcome">{outcomeLozenge(r.outcome)}</Row>
      <Row term="By">
        <Text>
          {r.actor.accountId
            ? `${person(r.actor.accountId)}, as ${humanizeCode(r.actor.kind).toLowerCase()}`
            : humanizeCode(r.actor.kind)}
        </Text>
      </Row>
      <Row term="From">
        <Text>{`${humanizeCode(r.source.kind)} ${r.source.key} in ${r.source.module}`}</Text>
      </Row>
      <Row term="Target">
        <Text>
          {r.target.id
            ? `${humanizeCode(r.target.type)}: ${r.target.type === 'account' ? person(r.target.id) : r.target.id}`
            : humanizeCode(r.target.type)}
        </Text>
      </Row>
      {r.reason ? (
        <Row term="Reason">
          <Text>{localizeDates(auditReasonText(r.reason))}</Text>
        </Row>
      ) : null}
      {r.repeat ? (
        <Row term="Repeats">
          <Text>
            {`First refusal of its kind in the minute ${minuteOf(r.repeat.window)}; later ones that minute are counted, not written.`}
            {r.repeat.closes
              ? ` The previous minute (${minuteOf(r.repeat.closes.window)}) counted ${String(r.repeat.closes.count)}.`
              : ''}
          </Text>
        </Row>
      ) : null}
      {r.before !== undefined ? (
        <Row term="Before">
          <Json value={r.before} label={`Record ${String(r.seq)} before`} />
        </Row>
      ) : null}
      {r.after !== undefined ? (
        <Row term="After">
          <Json value={r.after} label={`Record ${String(r.seq)} after`} />
        </Row>
      ) : null}
      <Row term="Previous hash">
        <span style={mono}>{r.prevHash}</span>
      </Row>
      <Row term="Hash">
        <span style={mono}>{r.hash}</span>
      </Row>
    </dl>
  );
}

export default function AuditRecordPage({ seq }: { seq: number }) {
  const { navigate } = useRouter();
  const { state, reload } = useLoad(() => adminApi.getAuditRecord({ seq }), String(seq));
  const headingId = useId();
  const ready = state.status === 'ready';
  useEffect(() => {
    // The view changed: focus lands on its heading (reachable by keyboard from the table's # link).
    const h = ready ? document.getElementById(headingId) : null;
    h?.setAttribute('tabindex', '-1');
    h?.focus();
  }, [ready, headingId]);

  let body: ReactNode;
  if (state.status === 'error' && isApiError(state.error) && state.error.code === 'NOT_FOUND')
    body = (
      <EmptyView
        header={`There is no audit record #${String(seq)}`}
        description="The link may be wrong, or the record is newer than the log."
        action={{ label: 'Go to the audit log', onClick: () => navigate(paths.audit) }}
      />
    );
  else if (state.status === 'error')
    body = <ErrorState title="We couldn’t load this audit record" error={state.error} onRetry={reload} />;
  else if (!state.data) body = <LoadingState label={`Loading audit record #${String(seq)}`} />;
  else body = <RecordFields record={state.data} />;

  return (
    <Stack space="space.200">
      <Inline space="space.200" alignBlock="center" shouldWrap>
        <AppLink to={paths.audit}>← Audit log</AppLink>
        {seq > 1 ? <AppLink to={paths.auditRecord(seq - 1)}>{`Older: #${String(seq - 1)}`}</AppLink> : null}
        <AppLink to={paths.auditRecord(seq + 1)}>{`Newer: #${String(seq + 1)}`}</AppLink>
      </Inline>
      <Heading size="small" as="h2" id={headingId}>{`Audit record #${String(seq)}`}</Heading>
      {body}
    </Stack>
  );
}
