import { useEffect, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import {
  CREDENTIAL_KINDS,
  MAX_INTEGRATIONS,
  tagAccountInput,
  updateAccountInput,
  type AccountDetail,
  type AccountDto,
  type CredentialKind,
} from '@contract/accounts';
import { adminApi, isApiError } from '../../shared/api';
import { flags } from '../../shared/flags';
import { useLoad } from '../../shared/hooks';
import { useRouter, useFocusOnArrival } from '../../shared/router';
import { ErrorState, LoadingState } from '../../shared/states';
import { useAdmin } from '../admin-context';
import { paths } from '../routes';
import { FormField } from '../../shared/field';
import { CREDENTIAL_KIND_LABELS } from '../ui/format';
import { PersonLabel } from '../ui/person';
import { UserPicker } from '../ui/UserPicker';
import {
  canAddIntegration,
  emptyIntegration,
  emptyValues,
  issuesToFields,
  registrationPayload,
  valuesOf,
  type FieldErrors,
  type IntegrationRow,
  type RegistrationValues,
} from './registration-form';

export type FormMode = 'tag' | 'edit' | 'retag';

interface Opt<T extends string> {
  value: T;
  label: string;
}
const ENVIRONMENTS = ['dev', 'staging', 'prod', 'other'];
const KIND_OPTIONS: Opt<CredentialKind>[] = CREDENTIAL_KINDS.map((k) => ({
  value: k,
  label: CREDENTIAL_KIND_LABELS[k],
}));

const TITLES: Record<FormMode, string> = {
  tag: 'Tag account',
  edit: 'Edit account',
  retag: 'Re-tag account',
};

/** Which registration fields differ between two records (for the conflict message). */
function changedBetween(a: AccountDto, b: AccountDto): string[] {
  const out: string[] = [];
  if (a.purpose !== b.purpose) out.push('purpose');
  if (a.ownerId !== b.ownerId) out.push('owner');
  if ((a.backupOwnerId ?? '') !== (b.backupOwnerId ?? '')) out.push('backup owner');
  if (JSON.stringify(a.integrations) !== JSON.stringify(b.integrations)) out.push('integrations');
  if (a.reviewCadenceDays !== b.reviewCadenceDays) out.push('review cadence');
  if ((a.notes ?? '') !== (b.notes ?? '')) out.push('notes');
  if (a.status !== b.status) out.push('status');
  return out;
}

function IntegrationEditor({
  index,
  row,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  row: IntegrationRow;
  errors: FieldErrors;
  onChange: (row: IntegrationRow) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  const id = (f: string) => `integration-${row.key}-${f}`;
  const err = (f: string) => errors[`integrations.${index}.${f}`];
  const set = <K extends keyof IntegrationRow>(k: K, v: IntegrationRow[K]) => onChange({ ...row, [k]: v });
  const envOptions = (
    ENVIRONMENTS.includes(row.environment) ? ENVIRONMENTS : [...ENVIRONMENTS, row.environment]
  ).map((e) => ({ value: e, label: e }));
  return (
    <div
      role="group"
      aria-label={`Integration ${n}`}
      style={{
        border: `${token('border.width')} solid ${token('color.border')}`,
        borderRadius: token('radius.medium'),
        padding: token('space.200'),
        background: token('elevation.surface.sunken'),
      }}
    >
      <Stack space="space.150">
        <Inline spread="space-between" alignBlock="center">
          <Heading size="xsmall" as="h4">{`Integration ${n}`}</Heading>
          <Button
            appearance="subtle"
            spacing="compact"
            aria-label={`Remove integration ${n}`}
            onClick={onRemove}
          >
            Remove
          </Button>
        </Inline>
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
            gap: token('space.200'),
          }}
        >
          <FormField id={id('system')} label="System" required error={err('system')}>
            {(a) => (
              <Textfield
                id={a.id}
                aria-label={`System, integration ${n}`}
                aria-describedby={a.describedBy}
                isInvalid={a.invalid}
                placeholder="e.g. Jenkins"
                value={row.system}
                onChange={(e) => set('system', e.currentTarget.value)}
              />
            )}
          </FormField>
          <FormField id={id('environment')} label="Environment" required error={err('environment')}>
            {(a) => (
              <Select<Opt<string>, false>
                inputId={a.id}
                aria-label={`Environment, integration ${n}`}
                isInvalid={a.invalid}
                options={envOptions}
                value={envOptions.find((o) => o.value === row.environment) ?? null}
                onChange={(o) => o && set('environment', o.value)}
              />
            )}
          </FormField>
          <FormField id={id('kind')} label="Credential kind" required error={err('credentialKind')}>
            {(a) => (
              <Select<Opt<CredentialKind>, false>
                inputId={a.id}
                aria-label={`Credential kind, integration ${n}`}
                isInvalid={a.invalid}
                options={KIND_OPTIONS}
                value={KIND_OPTIONS.find((o) => o.value === row.credentialKind) ?? null}
                onChange={(o) => o && set('credentialKind', o.value)}
              />
            )}
          </FormField>
          <FormField
            id={id('label')}
            label="Credential label"
            error={err('credentialLabel')}
            helper="A name to find it by, not the secret."
          >
            {(a) => (
              <Textfield
                id={a.id}
                aria-label={`Credential label, integration ${n}`}
                aria-describedby={a.describedBy}
                isInvalid={a.invalid}
                autoComplete="off"
                placeholder="e.g. jenkins-jira-prod"
                value={row.credentialLabel}
                onChange={(e) => set('credentialLabel', e.currentTarget.value)}
              />
            )}
          </FormField>
          <FormField id={id('expires')} label="Credential expiry" error={err('credentialExpiresOn')}>
            {(a) => (
              <Textfield
                id={a.id}
                type="date"
                aria-label={`Credential expiry, integration ${n}`}
                aria-describedby={a.describedBy}
                isInvalid={a.invalid}
                value={row.credentialExpiresOn}
                onChange={(e) => set('credentialExpiresOn', e.currentTarget.value)}
              />
            )}
          </FormField>
          <FormField id={id('rotated')} label="Last rotation" error={err('lastRotatedOn')}>
            {(a) => (
              <Textfield
                id={a.id}
                type="date"
                aria-label={`Last rotation, integration ${n}`}
                aria-describedby={a.describedBy}
                isInvalid={a.invalid}
                value={row.lastRotatedOn}
                onChange={(e) => set('lastRotatedOn', e.currentTarget.value)}
              />
            )}
          </FormField>
        </div>
      </Stack>
    </div>
  );
}

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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(undefined);
  const [conflict, setConflict] = useState<{ message: string; current?: AccountDto | undefined } | null>(
    null,
  );
  const [saving, setSaving] = useState(false);
  const topRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof RegistrationValues>(k: K, v: RegistrationValues[K]) =>
    setValues((prev) => ({ ...prev, [k]: v }));

  const scrollToProblem = () => topRef.current?.scrollIntoView({ block: 'start' });

  const submit = async () => {
    setFormError(undefined);
    setConflict(null);
    const reg = registrationPayload(values);
    const accountId = values.account?.accountId ?? '';
    const check =
      mode === 'tag'
        ? tagAccountInput.safeParse({ accountId, ...reg })
        : updateAccountInput.safeParse({ accountId, version: detail?.account.version ?? 0, ...reg });
    if (!check.success) {
      const fields = issuesToFields(check.error.issues);
      if (!values.account) fields.accountId = 'Pick the account your integration signs in as.';
      if (!values.owner) fields.ownerId = 'Pick the person who owns this account.';
      setErrors(fields);
      scrollToProblem();
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved =
        mode === 'tag'
          ? await adminApi.tagAccount({ accountId, ...reg })
          : mode === 'edit'
            ? await adminApi.updateAccount({ accountId, version: detail!.account.version, ...reg })
            : await adminApi.retagAccount({ accountId, version: detail!.account.version, ...reg });
      flags.success(
        mode === 'tag' ? 'Account tagged' : mode === 'edit' ? 'Changes saved' : 'Account tagged again',
        `${saved.displayName} is ${mode === 'edit' ? 'up to date' : 'in the registry'}.`,
      );
      navigate(paths.account(saved.accountId), { replace: mode !== 'tag' });
    } catch (e) {
      setSaving(false);
      if (isApiError(e) && e.code === 'CONFLICT') {
        setConflict({ message: e.message, current: e.conflictCurrent<AccountDto>() });
        flags.error('Not saved: someone else changed this account', e);
      } else if (isApiError(e) && e.code === 'BAD_REQUEST' && Object.keys(e.fieldErrors).length) {
        setErrors(e.fieldErrors);
        setFormError(e);
        flags.error('Not saved: some fields need attention', e);
      } else {
        setFormError(e);
        flags.error(mode === 'tag' ? 'The account was not tagged' : 'The changes were not saved', e);
      }
      scrollToProblem();
    }
  };

  const changed = conflict?.current && detail ? changedBetween(detail.account, conflict.current) : [];
  const general = Object.entries(errors).filter(
    ([k]) =>
      !/^(accountId|purpose|ownerId|backupOwnerId|reviewCadenceDays|notes)$/.test(k) &&
      !k.startsWith('integrations.'),
  );
  const integrationsError = errors.integrations;

  return (
    <form
      noValidate
      aria-label={TITLES[mode]}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
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
        {conflict ? (
          <SectionMessage
            appearance="warning"
            title="Someone else saved this account while you were editing"
            actions={[
              <SectionMessageAction key="reload" onClick={onReload}>
                Reload the current record
              </SectionMessageAction>,
            ]}
          >
            <Stack space="space.100">
              <Text as="p">{conflict.message}</Text>
              {conflict.current ? (
                <Text as="p">
                  {changed.length ? `They changed: ${changed.join(', ')}. ` : ''}
                  The record is now at version {conflict.current.version}. Reloading shows their version; your
                  unsaved changes in this form will be discarded, so copy anything you want to keep first.
                </Text>
              ) : null}
            </Stack>
          </SectionMessage>
        ) : null}
        {formError && !conflict ? (
          <SectionMessage appearance="error" title="This wasn’t saved">
            <Stack space="space.100">
              <Text as="p">{formError instanceof Error ? formError.message : 'Something went wrong.'}</Text>
              {general.map(([k, m]) => (
                <Text as="p" key={k}>
                  {m}
                </Text>
              ))}
            </Stack>
          </SectionMessage>
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
                  ? 'The Jira user your integration signs in as. Any active site user.'
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
            <FormField
              id="field-purpose"
              label="Purpose"
              required
              error={errors.purpose}
              helper="What breaks if this account stops working?"
            >
              {(a) => (
                <Textarea
                  id={a.id}
                  aria-label="Purpose"
                  aria-describedby={a.describedBy}
                  isInvalid={a.invalid}
                  aria-invalid={a.invalid}
                  minimumRows={2}
                  maxHeight="20vh"
                  value={values.purpose}
                  onChange={(e) => set('purpose', e.currentTarget.value)}
                />
              )}
            </FormField>
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
          {integrationsError ? <Text color="color.text.danger">{integrationsError}</Text> : null}
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
            <FormField
              id="field-cadence"
              label="Review cadence (days)"
              required
              error={errors.reviewCadenceDays}
              helper="How often the owner confirms the account is still needed: 30 to 365 days."
            >
              {(a) => (
                <Box style={{ maxWidth: 160 }}>
                  <Textfield
                    id={a.id}
                    type="number"
                    min={30}
                    max={365}
                    aria-label="Review cadence (days)"
                    aria-describedby={a.describedBy}
                    isInvalid={a.invalid}
                    value={values.reviewCadenceDays}
                    onChange={(e) => set('reviewCadenceDays', e.currentTarget.value)}
                  />
                </Box>
              )}
            </FormField>
            <FormField
              id="field-notes"
              label="Notes"
              error={errors.notes}
              helper="Anything the next owner should know."
            >
              {(a) => (
                <Textarea
                  id={a.id}
                  aria-label="Notes"
                  aria-describedby={a.describedBy}
                  isInvalid={a.invalid}
                  aria-invalid={a.invalid}
                  minimumRows={3}
                  value={values.notes}
                  onChange={(e) => set('notes', e.currentTarget.value)}
                />
              )}
            </FormField>
          </Stack>
        </Box>

        <Inline space="space.100">
          <Button type="submit" appearance="primary" isLoading={saving}>
            Save
          </Button>
          <Button appearance="subtle" onClick={back} isDisabled={saving}>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

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
