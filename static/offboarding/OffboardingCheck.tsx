import { useCallback, useEffect, useRef, useState } from 'react';
import Heading from '@atlaskit/heading';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { OffboardingAcknowledged, OffboardingCheckResult } from '@contract/offboarding';
import { getJiraPerson, isApiError, offboardingApi, type JiraPerson } from '../shared/api';
import { flags } from '../shared/flags';
import { ErrorState, LoadingState } from '../shared/states';
import { AccountCard, type RetireRequest, type TransferRequest } from './AccountCard';
import { Acknowledge } from './Acknowledge';
import { PeoplePicker } from './LazyPeoplePicker';
import { Field } from './ui';
import { BLOCKING, PersonHeader, Verdict, byUrgency, isAcknowledged, personName } from './verdict-view';

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
              {byUrgency(shown).map((account, index) => (
                <AccountCard
                  key={`${account.accountId}:${account.role}:${String(account.version)}`}
                  account={account}
                  // One primary action in the list: the most urgent account's suggested step.
                  leads={index === 0}
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
