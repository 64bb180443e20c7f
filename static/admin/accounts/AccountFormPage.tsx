import { useEffect, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage from '@atlaskit/section-message';
import { MAX_INTEGRATIONS, type AccountDetail, type AccountDto } from '@contract/accounts';
import { adminApi } from '../../shared/api';
import { otherFieldErrors } from '../../shared/errors';
import { FormField, TextAreaField, TextField } from '../../shared/field';
import { ConflictMessage, SaveProblem } from '../../shared/form-messages';
import { flags } from '../../shared/flags';
import { useLoad } from '../../shared/hooks';
import { useMutation } from '../../shared/mutation';
import { useFocusOnArrival, useRouter } from '../../shared/router';
import { ErrorState, LoadingState } from '../../shared/states';
import { useAdmin } from '../admin-context';
import { paths } from '../routes';
import { PersonLabel } from '../ui/person';
import { UserPicker } from '../ui/UserPicker';
import { IntegrationEditor } from './IntegrationEditor';
import {
  LIMITS,
  canAddIntegration,
  changedBetween,
  checkRegistration,
  emptyIntegration,
  emptyValues,
  registrationPayload,
  valuesOf,
  type FormMode,
  type RegistrationValues,
} from './registration-form';

export type { FormMode } from './registration-form';

const TITLES: Record<FormMode, string> = {
  tag: 'Tag account',
  edit: 'Edit account',
  retag: 'Re-tag account',
};

/** Field paths the form shows beside a field; anything else is listed above the form. */
const SHOWN = /^(accountId|purpose|ownerId|backupOwnerId|reviewCadenceDays|notes|integrations(\.\d+\.\w+)?)$/;

function RegistrationForm({
  mode,
  initial,
  detail,
  onReload,
}: {
  mode: FormMode;
  initial: RegistrationValues;
  detail?: AccountDetail | undefined;
  onReload: () => void;
}) {
  const { navigate, back } = useRouter();
  useFocusOnArrival('account-form-heading');
  const [values, setValues] = useState<RegistrationValues>(initial);
  const topRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof RegistrationValues>(k: K, v: RegistrationValues[K]) =>
    setValues((prev) => ({ ...prev, [k]: v }));
  const version = detail?.account.version ?? 0;

  const save = useMutation({
    check: (v: RegistrationValues) => checkRegistration(mode, v, version),
    run: (v: RegistrationValues) => {
      const input = { accountId: v.account?.accountId ?? '', ...registrationPayload(v) };
      if (mode === 'tag') return adminApi.tagAccount(input);
      return mode === 'edit'
        ? adminApi.updateAccount({ ...input, version })
        : adminApi.retagAccount({ ...input, version });
    },
    success: (saved: AccountDto) => ({
      title: mode === 'tag' ? 'Account tagged' : mode === 'edit' ? 'Changes saved' : 'Account tagged again',
      description: `${saved.displayName} is ${mode === 'edit' ? 'up to date' : 'in the registry'}.`,
    }),
    failure: mode === 'tag' ? 'The account was not tagged' : 'The changes were not saved',
    onSuccess: (saved) => navigate(paths.account(saved.accountId), { replace: mode !== 'tag' }),
    onFailure: () => topRef.current?.scrollIntoView({ block: 'start' }),
  });
  const errors = save.fieldErrors;
  const current = save.conflict?.current as AccountDto | undefined;
  const others = otherFieldErrors(errors, (p) => SHOWN.test(p));
  const checkFailed = save.error === undefined && others.length > 0;

  return (
    <form
      noValidate
      aria-label={TITLES[mode]}
      onSubmit={(e) => {
        e.preventDefault();
        void save.mutate(values);
      }}
    >
      <div ref={topRef} />
      <Stack space="space.300">
        <Heading size="medium" as="h2" id="account-form-heading">
          {TITLES[mode]}
        </Heading>
        <SectionMessage appearance="information" title="Record metadata only — never paste a token">
          <Text as="p">
            The app keeps who owns an account and what uses it. Credential labels, kinds and dates are fine;
            secrets, tokens and passwords are not stored anywhere here.
          </Text>
        </SectionMessage>
        {save.conflict ? (
          <ConflictMessage
            conflict={save.conflict}
            what="this account"
            changed={current && detail ? changedBetween(detail.account, current) : []}
            version={current?.version}
            onReload={onReload}
          />
        ) : null}
        {(save.error !== undefined || checkFailed) && !save.conflict ? (
          <SaveProblem error={save.error} others={others} />
        ) : null}

        <Box style={{ maxWidth: 640 }}>
          <Stack space="space.200">
            <FormField
              id="field-account"
              label="Account"
              required
              error={errors.accountId}
              helper={
                mode === 'tag'
                  ? 'The Jira user your integration signs in as: any active user not tagged yet.'
                  : undefined
              }
            >
              {(a) =>
                mode === 'tag' ? (
                  <UserPicker
                    id={a.id}
                    label="Account"
                    kind="any"
                    value={values.account}
                    onChange={(u) => set('account', u)}
                    isInvalid={a.invalid}
                    describedBy={a.describedBy}
                    placeholder="Type the account’s name or email"
                  />
                ) : (
                  <div id={a.id} aria-label="Account" role="group">
                    <PersonLabel
                      square
                      name={values.account?.displayName ?? ''}
                      avatarUrl={values.account?.avatarUrl}
                    />
                  </div>
                )
              }
            </FormField>
            <TextAreaField
              id="field-purpose"
              label="Purpose"
              required
              maxLength={LIMITS.purpose}
              minimumRows={2}
              error={errors.purpose}
              helper="What breaks if this account stops working?"
              value={values.purpose}
              onChange={(v) => set('purpose', v)}
            />
            <FormField
              id="field-owner"
              label="Owner"
              required
              error={errors.ownerId}
              helper="An active person who answers for it."
            >
              {(a) => (
                <UserPicker
                  id={a.id}
                  label="Owner"
                  value={values.owner}
                  onChange={(u) => set('owner', u)}
                  exclude={[values.account?.accountId, values.backupOwner?.accountId]}
                  isInvalid={a.invalid}
                  describedBy={a.describedBy}
                />
              )}
            </FormField>
            <FormField
              id="field-backup"
              label="Backup owner"
              error={errors.backupOwnerId}
              helper="Someone other than the owner, so the account isn’t orphaned when the owner leaves."
            >
              {(a) => (
                <UserPicker
                  id={a.id}
                  label="Backup owner"
                  value={values.backupOwner}
                  onChange={(u) => set('backupOwner', u)}
                  exclude={[values.account?.accountId, values.owner?.accountId]}
                  isInvalid={a.invalid}
                  describedBy={a.describedBy}
                />
              )}
            </FormField>
          </Stack>
        </Box>

        <Stack space="space.150">
          <Heading size="small" as="h3">
            Integrations
          </Heading>
          <Text as="p" color="color.text.subtle">
            The systems that sign in as this account, and their credentials’ metadata (up to{' '}
            {MAX_INTEGRATIONS}).
          </Text>
          {errors.integrations ? <Text color="color.text.danger">{errors.integrations}</Text> : null}
          {values.integrations.map((row, i) => (
            <IntegrationEditor
              key={row.key}
              index={i}
              row={row}
              errors={errors}
              onChange={(next) =>
                set(
                  'integrations',
                  values.integrations.map((r) => (r.key === row.key ? next : r)),
                )
              }
              onRemove={() =>
                set(
                  'integrations',
                  values.integrations.filter((r) => r.key !== row.key),
                )
              }
            />
          ))}
          <Box>
            <Button
              onClick={() => set('integrations', [...values.integrations, emptyIntegration()])}
              isDisabled={!canAddIntegration(values)}
            >
              Add integration
            </Button>
          </Box>
        </Stack>

        <Box style={{ maxWidth: 640 }}>
          <Stack space="space.200">
            <TextField
              id="field-cadence"
              label="Review cadence (days)"
              type="number"
              width={160}
              required
              error={errors.reviewCadenceDays}
              helper="How often the owner confirms the account is still needed: 30 to 365 days."
              value={values.reviewCadenceDays}
              onChange={(v) => set('reviewCadenceDays', v)}
            />
            <TextAreaField
              id="field-notes"
              label="Notes"
              maxLength={LIMITS.notes}
              error={errors.notes}
              helper="Anything the next owner should know."
              value={values.notes}
              onChange={(v) => set('notes', v)}
            />
          </Stack>
        </Box>

        <Inline space="space.100">
          <Button type="submit" appearance="primary" isLoading={save.pending}>
            Save
          </Button>
          <Button appearance="subtle" onClick={back} isDisabled={save.pending}>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

/** Tag, edit or re-tag an account: the record loaded (not for tag), then the registration form. */
export default function AccountFormPage({
  mode,
  accountId,
  displayName,
}: {
  mode: FormMode;
  accountId?: string | undefined;
  displayName?: string | undefined;
}) {
  const { settings } = useAdmin();
  const [generation, setGeneration] = useState(0);
  const needsRecord = mode !== 'tag' && accountId !== undefined;
  const { state, reload } = useLoad<AccountDetail | null>(
    () => (needsRecord ? adminApi.getAccount({ accountId }) : Promise.resolve(null)),
    `${mode}:${accountId ?? ''}`,
  );
  const initial = useMemo((): RegistrationValues | undefined => {
    if (state.status !== 'ready') return undefined;
    if (state.data) {
      const v = valuesOf(state.data);
      return mode === 'retag'
        ? { ...v, reviewCadenceDays: String(settings.settings.defaultReviewCadenceDays) }
        : v;
    }
    return emptyValues(
      settings.settings.defaultReviewCadenceDays,
      accountId ? { accountId, displayName: displayName ?? accountId } : null,
    );
  }, [state, mode, settings, accountId, displayName]);

  useEffect(() => {
    if (state.status === 'error') flags.error('We couldn’t load this account', state.error);
  }, [state]);

  if (state.status === 'error')
    return <ErrorState title="We couldn’t load this account" error={state.error} onRetry={reload} />;
  if (state.status === 'loading' || !initial) return <LoadingState label="Loading the form" />;
  return (
    <RegistrationForm
      key={`${generation}:${state.data?.account.version ?? 0}`}
      mode={mode}
      initial={initial}
      detail={state.data ?? undefined}
      onReload={() => {
        setGeneration((g) => g + 1);
        reload();
        flags.info('Reloaded the current record', 'The form now shows the latest saved version.');
      }}
    />
  );
}
