import { useCallback, useEffect, useRef, useState } from 'react';
import Avatar from '@atlaskit/avatar';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Textarea from '@atlaskit/textarea';
import type {
  OffboardingAccount,
  OffboardingAcknowledged,
  OffboardingCheckResult,
  ReasonCode,
} from '@contract/offboarding';
import { getJiraPerson, isApiError, offboardingApi, type JiraPerson } from '../shared/api';
import { flags } from '../shared/flags';
import { ErrorState, LoadingState } from '../shared/states';
import { AccountCard, type RetireRequest, type TransferRequest } from './AccountCard';
import { VERDICT_APPEARANCE, VERDICT_LABELS, formatTime, verdictSummary, verdictTitle } from './format';
import { PeoplePicker } from './LazyPeoplePicker';
import { Card, Field, List } from './ui';

type CheckState =
  | { status: 'idle' }
  | { status: 'loading'; previous?: OffboardingCheckResult }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; result: OffboardingCheckResult };

export interface OffboardingCheckProps {
  /**
   * `pick`: the admin page, where staff pick the person. `issue`: the issue panel, where the server
   * reads the departing person from the issue (the platform's context), so the UI sends no id.
   */
  source: 'pick' | 'issue';
  /** The issue panel renders this instead of anything else when the caller may not run the check. */
  onForbidden?: (error: unknown) => void;
  /** The issue panel's answer when the issue names nobody (or no field is configured). */
  onNoPerson?: (error: unknown) => void;
}

/** Reason codes that make the verdict a block (contract: REASON_CODES). */
const BLOCKING = new Set<ReasonCode>(['IS_INTEGRATION_ACCOUNT', 'OWNS_WITHOUT_ACTIVE_BACKUP']);

/** The accounts that block the deactivation first, then the others, each group in the server's order. */
function byUrgency(r: OffboardingCheckResult): OffboardingAccount[] {
  const blocking = new Set(r.reasons.filter((x) => BLOCKING.has(x.code)).map((x) => x.accountId));
  return [
    ...r.accounts.filter((a) => blocking.has(a.accountId)),
    ...r.accounts.filter((a) => !blocking.has(a.accountId)),
  ];
}

function personName(r: OffboardingCheckResult): string {
  return r.person.displayName ?? (r.person.missing ? 'This person' : r.person.accountId);
}

function PersonHeader({
  result,
  avatarUrl,
  onRecheck,
  rechecking,
}: {
  result: OffboardingCheckResult;
  avatarUrl: string | undefined;
  onRecheck: () => void;
  rechecking: boolean;
}) {
  const { person } = result;
  return (
    <Inline space="space.150" alignBlock="center" spread="space-between" shouldWrap>
      <Inline space="space.100" alignBlock="center">
        <Avatar size="medium" src={avatarUrl} name="" />
        <Stack space="space.025">
          <Inline space="space.075" alignBlock="center" shouldWrap>
            <Text weight="bold">{personName(result)}</Text>
            {person.missing ? (
              <Lozenge appearance="removed">Not in Jira</Lozenge>
            ) : person.active === false ? (
              <Lozenge appearance="removed">Already deactivated</Lozenge>
            ) : (
              <Lozenge appearance="success">Active</Lozenge>
            )}
          </Inline>
          <Text size="small" color="color.text.subtlest">
            Checked {formatTime(result.checkedAt)}
          </Text>
        </Stack>
      </Inline>
      <Button onClick={onRecheck} isLoading={rechecking}>
        Check again
      </Button>
    </Inline>
  );
}

function Verdict({
  result,
  onAcknowledge,
}: {
  result: OffboardingCheckResult;
  /** Offered on block and warn verdicts, until acknowledged. */
  onAcknowledge: (() => void) | undefined;
}) {
  const { verdict, reasons, accounts } = result;
  const name = personName(result);
  return (
    <div data-testid="offboarding-verdict" data-verdict={verdict} role="status" aria-live="polite">
      <SectionMessage
        appearance={VERDICT_APPEARANCE[verdict].message}
        title={verdictTitle(verdict, name)}
        actions={
          onAcknowledge
            ? [
                <SectionMessageAction key="acknowledge" onClick={onAcknowledge}>
                  {`Acknowledge the warning…`}
                </SectionMessageAction>,
              ]
            : []
        }
      >
        <Stack space="space.100">
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Lozenge appearance={VERDICT_APPEARANCE[verdict].lozenge} isBold>
              {`Verdict: ${VERDICT_LABELS[verdict]}`}
            </Lozenge>
            <Text>{verdictSummary(verdict, accounts.length)}</Text>
          </Inline>
          {reasons.length > 0 ? (
            <List>
              {reasons.map((r) => (
                <li key={`${r.code}:${r.accountId}`} data-reason={r.code}>
                  <Text>{r.text}</Text>
                </li>
              ))}
            </List>
          ) : null}
        </Stack>
      </SectionMessage>
    </div>
  );
}

function isAcknowledged(result: OffboardingCheckResult, ack: OffboardingAcknowledged | undefined): boolean {
  return ack !== undefined && ack.personId === result.person.accountId && ack.verdict === result.verdict;
}

/** The acknowledgement: the form (once asked for from the verdict), then the recorded line. */
function Acknowledge({
  result,
  acknowledged,
  open,
  setOpen,
  onAcknowledged,
}: {
  result: OffboardingCheckResult;
  acknowledged: OffboardingAcknowledged | undefined;
  open: boolean;
  setOpen: (open: boolean) => void;
  onAcknowledged: (a: OffboardingAcknowledged) => void;
}) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const name = personName(result);
  if (result.verdict === 'safe') return null;
  if (acknowledged && isAcknowledged(result, acknowledged)) {
    return (
      <Text as="p" color="color.text.subtle" testId="offboarding-acknowledged">
        {`You acknowledged this ${VERDICT_LABELS[acknowledged.verdict].toLowerCase()} verdict on ${formatTime(acknowledged.at)} (audit record #${String(acknowledged.auditSeq)}).`}
      </Text>
    );
  }
  if (!open) return null;
  const submit = async () => {
    if (!reason.trim()) {
      setReasonError('Say why this person may be deactivated despite the warning.');
      return;
    }
    setBusy(true);
    setReasonError(undefined);
    try {
      const ack = await offboardingApi.acknowledge({
        personId: result.person.accountId,
        verdict: result.verdict,
        reason: reason.trim(),
      });
      flags.success(
        'Acknowledgement recorded',
        `The ${VERDICT_LABELS[ack.verdict].toLowerCase()} verdict for ${name} is in the audit log.`,
      );
      setOpen(false);
      setReason('');
      onAcknowledged(ack);
    } catch (e) {
      const fieldError = isApiError(e) ? e.fieldErrors.reason : undefined;
      if (fieldError) setReasonError(fieldError);
      else flags.error('The acknowledgement was not recorded', e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card tone="sunken" label="Acknowledge the warning">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack space="space.150">
          <Text as="p">
            {`Record that you have seen this ${VERDICT_LABELS[result.verdict].toLowerCase()} verdict and why ${name} may be deactivated anyway. Your name, the verdict and your reason go into the audit log.`}
          </Text>
          <Text as="p" weight="medium" testId="acknowledge-deactivates-nobody">
            {`This deactivates nobody: it only records your decision. Deactivate ${name} in Atlassian Administration or your identity provider.`}
          </Text>
          <Field
            id="acknowledge-reason"
            label="Reason"
            required
            helper="For example the approval or the ticket, and who looks after the accounts now."
            error={reasonError}
          >
            {(a) => (
              <Textarea
                id={a.id}
                aria-describedby={a.describedBy}
                aria-required
                isInvalid={a.invalid}
                aria-invalid={a.invalid}
                minimumRows={2}
                maxLength={1000}
                autoFocus
                value={reason}
                isDisabled={busy}
                onChange={(e) => {
                  setReason(e.currentTarget.value);
                  if (reasonError) setReasonError(undefined);
                }}
              />
            )}
          </Field>
          <Inline space="space.100">
            <Button type="submit" appearance="warning" isLoading={busy}>
              Record acknowledgement
            </Button>
            <Button appearance="subtle" onClick={() => setOpen(false)} isDisabled={busy}>
              Cancel
            </Button>
          </Inline>
        </Stack>
      </form>
    </Card>
  );
}

/**
 * The offboarding check (DESIGN.md §2): is it safe to deactivate this person? The verdict with its
 * reasons, the accounts concerned and what to do: transfer, retire, or acknowledge. Every action
 * answers with the check run again, which replaces what is shown.
 */
export function OffboardingCheck({ source, onForbidden, onNoPerson }: OffboardingCheckProps) {
  const [person, setPerson] = useState<JiraPerson | null>(null);
  const [state, setState] = useState<CheckState>(
    source === 'issue' ? { status: 'loading' } : { status: 'idle' },
  );
  const [avatars, setAvatars] = useState<Record<string, string | undefined>>({});
  const [acknowledged, setAcknowledged] = useState<OffboardingAcknowledged | undefined>();
  const [ackOpen, setAckOpen] = useState(false);
  const generation = useRef(0);

  const show = useCallback((result: OffboardingCheckResult) => {
    generation.current++;
    setState({ status: 'ready', result });
  }, []);

  const run = useCallback(
    (personId: string | undefined) => {
      const gen = ++generation.current;
      setState((prev) => ({
        status: 'loading',
        ...(prev.status === 'ready' ? { previous: prev.result } : {}),
      }));
      offboardingApi.check(personId ? { personId } : {}).then(
        (result) => {
          if (gen === generation.current) setState({ status: 'ready', result });
        },
        (error: unknown) => {
          if (gen !== generation.current) return;
          if (isApiError(error) && error.code === 'FORBIDDEN' && onForbidden) onForbidden(error);
          else if (
            isApiError(error) &&
            (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST') &&
            source === 'issue' &&
            onNoPerson
          )
            onNoPerson(error);
          setState({ status: 'error', error });
        },
      );
    },
    [onForbidden, onNoPerson, source],
  );

  useEffect(() => {
    if (source === 'issue') run(undefined);
    return () => {
      // eslint-disable-next-line react-hooks/exhaustive-deps -- a counter, not a DOM node: bump its live value so late results are dropped
      generation.current++;
    };
  }, [source, run]);

  const shown =
    state.status === 'ready' ? state.result : state.status === 'loading' ? state.previous : undefined;
  const shownId = shown?.person.accountId;

  // The departing person's avatar (decoration: Jira's own record, as the signed-in user).
  useEffect(() => {
    if (!shownId || shownId in avatars) return;
    if (person?.accountId === shownId) {
      setAvatars((a) => ({ ...a, [shownId]: person.avatarUrl }));
      return;
    }
    let cancelled = false;
    void getJiraPerson(shownId).then((p) => {
      if (!cancelled) setAvatars((a) => ({ ...a, [shownId]: p?.avatarUrl }));
    });
    return () => {
      cancelled = true;
    };
  }, [shownId, avatars, person]);

  const recheck = () => run(source === 'pick' ? person?.accountId : undefined);

  const transfer = async ({ account, newOwner, reason }: TransferRequest): Promise<boolean> => {
    if (!shown) return false;
    try {
      const result = await offboardingApi.transfer({
        accountId: account.accountId,
        version: account.version,
        departingId: shown.person.accountId,
        ...(newOwner ? { newOwnerId: newOwner.accountId } : {}),
        ...(reason ? { reason } : {}),
      });
      const who =
        newOwner?.displayName ?? (account.role === 'owner' ? account.backupOwner?.displayName : undefined);
      flags.success(
        account.role === 'owner' ? 'Ownership transferred' : 'Backup owner changed',
        account.role === 'owner'
          ? `${account.displayName} now belongs to ${who ?? 'the backup owner'}. The check ran again.`
          : `${personName(shown)} is no longer the backup owner of ${account.displayName}. The check ran again.`,
      );
      show(result);
      return true;
    } catch (e) {
      flags.error(`${account.displayName} was not handed over`, e);
      if (isApiError(e) && (e.code === 'CONFLICT' || e.code === 'NOT_FOUND')) recheck();
      return false;
    }
  };

  const retire = async ({ account, reason }: RetireRequest): Promise<boolean> => {
    try {
      const result = await offboardingApi.retire({
        accountId: account.accountId,
        version: account.version,
        reason,
        // The answer is this person's check again; the issue panel's person comes from the issue.
        ...(source === 'pick' && shown ? { departingId: shown.person.accountId } : {}),
      });
      flags.success('Account retired', `${account.displayName} left the registry. The check ran again.`);
      show(result);
      return true;
    } catch (e) {
      flags.error(`${account.displayName} was not retired`, e);
      if (isApiError(e) && (e.code === 'CONFLICT' || e.code === 'NOT_FOUND')) recheck();
      return false;
    }
  };

  return (
    <Stack space="space.200" testId="offboarding-check">
      {source === 'pick' ? (
        <Box style={{ maxWidth: 480 }}>
          <Field
            id="offboarding-person"
            label="Person leaving"
            helper="Anyone on the site: a person who leaves, or an integration account you plan to deactivate."
          >
            {(a) => (
              <PeoplePicker
                id={a.id}
                label="Person leaving"
                value={person}
                describedBy={a.describedBy}
                onChange={(p) => {
                  setPerson(p);
                  if (p) run(p.accountId);
                  else {
                    generation.current++;
                    setState({ status: 'idle' });
                  }
                }}
              />
            )}
          </Field>
        </Box>
      ) : null}

      {state.status === 'idle' ? (
        <Text as="p" color="color.text.subtle">
          Pick a person to see what they are and own before you deactivate them.
        </Text>
      ) : null}
      {state.status === 'loading' && !shown ? <LoadingState label="Checking" /> : null}
      {state.status === 'error' ? (
        <ErrorState title="The check did not run" error={state.error} onRetry={recheck} />
      ) : null}

      {shown ? (
        <Stack space="space.200">
          <PersonHeader
            result={shown}
            avatarUrl={avatars[shown.person.accountId]}
            onRecheck={recheck}
            rechecking={state.status === 'loading'}
          />
          <Verdict
            result={shown}
            onAcknowledge={
              shown.verdict !== 'safe' && !isAcknowledged(shown, acknowledged) && !ackOpen
                ? () => setAckOpen(true)
                : undefined
            }
          />
          <Acknowledge
            result={shown}
            acknowledged={acknowledged}
            open={ackOpen}
            setOpen={setAckOpen}
            onAcknowledged={(a) => {
              setAcknowledged(a);
              recheck();
            }}
          />
          {shown.accounts.length > 0 ? (
            <Stack space="space.150">
              <Heading size="xsmall" as="h3">
                {`Accounts concerned (${String(shown.accounts.length)})`}
              </Heading>
              {byUrgency(shown).map((account) => (
                <AccountCard
                  key={`${account.accountId}:${account.role}:${String(account.version)}`}
                  account={account}
                  departingId={shown.person.accountId}
                  onTransfer={transfer}
                  onRetire={retire}
                  blocks={shown.reasons.some(
                    (r) => r.accountId === account.accountId && BLOCKING.has(r.code),
                  )}
                />
              ))}
            </Stack>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}
