import { useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import Modal, {
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
} from '@atlaskit/modal-dialog';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import {
  NOTICE_CHANNELS,
  updateSettingsInput,
  type NoticeChannel,
  type RotatedWebhookSecret,
  type SettingsView,
} from '@contract/settings';
import { adminApi, isApiError } from '../../shared/api';
import { flags } from '../../shared/flags';
import { revealAppTop } from '../../shared/reveal';
import { useAdmin } from '../admin-context';
import { issuesToFields, type FieldErrors } from '../accounts/registration-form';
import { copyText } from '../ui/ExportResult';
import { multiSelectTargetStyles } from '../../shared/select-targets';
import { FormField } from '../../shared/field';
import { formatTime } from '../ui/format';
import OrgAuditWebhook from './OrgAuditWebhook';

const CHANNEL_LABELS: Record<NoticeChannel, string> = {
  'in-app-flag': 'Flag in Jira',
  'jira-work-item': 'Also a Jira work item for owners',
  'jira-email': 'Email from Jira',
};
const CHANNEL_OPTIONS = NOTICE_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));

interface Values {
  defaultReviewCadenceDays: string;
  credentialExpiryWarningDays: string;
  offboardingGroups: string;
  offboardingUserField: string;
  noticeChannels: NoticeChannel[];
  candidatePatterns: string;
  enforcedProjects: string;
  enforcedStatuses: string;
  dormantAfterDays: string;
  workItemProjectKey: string;
  workItemTypeName: string;
  sweepQuotaSharePercent: string;
}

function valuesOf(view: SettingsView): Values {
  const s = view.settings;
  return {
    defaultReviewCadenceDays: String(s.defaultReviewCadenceDays),
    credentialExpiryWarningDays: s.credentialExpiryWarningDays.join(', '),
    offboardingGroups: s.offboardingGroups.join(', '),
    offboardingUserField: s.offboardingUserField,
    noticeChannels: [...s.noticeChannels],
    candidatePatterns: s.candidatePatterns.join(', '),
    enforcedProjects: s.enforcedProjects.join(', '),
    enforcedStatuses: s.enforcedStatuses.join(', '),
    dormantAfterDays: String(s.dormantAfterDays),
    workItemProjectKey: s.workItemProjectKey,
    workItemTypeName: s.workItemTypeName,
    sweepQuotaSharePercent: String(s.sweepQuotaSharePercent),
  };
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

function payload(v: Values, version: number) {
  return {
    version,
    defaultReviewCadenceDays: num(v.defaultReviewCadenceDays),
    credentialExpiryWarningDays: list(v.credentialExpiryWarningDays).map(num),
    offboardingGroups: list(v.offboardingGroups),
    offboardingUserField: v.offboardingUserField.trim(),
    noticeChannels: v.noticeChannels,
    candidatePatterns: list(v.candidatePatterns),
    enforcedProjects: list(v.enforcedProjects),
    enforcedStatuses: list(v.enforcedStatuses),
    dormantAfterDays: num(v.dormantAfterDays),
    workItemProjectKey: v.workItemProjectKey.trim(),
    workItemTypeName: v.workItemTypeName.trim(),
    sweepQuotaSharePercent: num(v.sweepQuotaSharePercent),
  };
}

/** Errors of `credentialExpiryWarningDays.1` belong to the list's one field. */
function fieldOf(fields: FieldErrors, name: string): string | undefined {
  const hit = Object.entries(fields).find(([k]) => k === name || k.startsWith(`${name}.`));
  return hit?.[1];
}

function SettingsForm() {
  const { settings: view, setSettings } = useAdmin();
  const [values, setValues] = useState<Values>(() => valuesOf(view));
  const [version, setVersion] = useState(view.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState<{ message: string; current?: SettingsView | undefined } | null>(
    null,
  );
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((prev) => ({ ...prev, [k]: v }));

  const save = async () => {
    setConflict(null);
    const body = payload(values, version);
    const check = updateSettingsInput.safeParse(body);
    if (!check.success) {
      setErrors(issuesToFields(check.error.issues));
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = await adminApi.updateSettings(body);
      setSettings(saved);
      setVersion(saved.version);
      setValues(valuesOf(saved));
      flags.success('Settings saved');
    } catch (e) {
      if (isApiError(e) && e.code === 'CONFLICT')
        setConflict({ message: e.message, current: e.conflictCurrent<SettingsView>() });
      else if (isApiError(e)) setErrors(e.fieldErrors);
      flags.error('The settings were not saved', e);
    } finally {
      setSaving(false);
    }
  };

  const reloadCurrent = async () => {
    try {
      const current = conflict?.current ?? (await adminApi.getSettings());
      setSettings(current);
      setVersion(current.version);
      setValues(valuesOf(current));
      setConflict(null);
      setErrors({});
      flags.info('Reloaded the current settings');
    } catch (e) {
      flags.error('The settings could not be reloaded', e);
    }
  };

  const e = (name: string) => fieldOf(errors, name);
  return (
    <form
      noValidate
      aria-label="Settings"
      onSubmit={(ev) => {
        ev.preventDefault();
        void save();
      }}
    >
      <Stack space="space.200">
        {conflict ? (
          <SectionMessage
            appearance="warning"
            title="Someone else saved the settings after you opened them"
            actions={[
              <SectionMessageAction key="reload" onClick={() => void reloadCurrent()}>
                Reload the current settings
              </SectionMessageAction>,
            ]}
          >
            <Text as="p">{`${conflict.message} Reloading discards your unsaved changes here.`}</Text>
          </SectionMessage>
        ) : null}
        <FormField
          id="settings-cadence"
          label="Default review cadence (days)"
          required
          error={e('defaultReviewCadenceDays')}
          helper="For newly tagged accounts: 30 to 365 days."
        >
          {(a) => (
            <Box style={{ maxWidth: 160 }}>
              <Textfield
                id={a.id}
                type="number"
                min={30}
                max={365}
                aria-label="Default review cadence (days)"
                aria-describedby={a.describedBy}
                isInvalid={a.invalid}
                value={values.defaultReviewCadenceDays}
                onChange={(ev) => set('defaultReviewCadenceDays', ev.currentTarget.value)}
              />
            </Box>
          )}
        </FormField>
        <FormField
          id="settings-windows"
          label="Credential expiry warnings (days before)"
          required
          error={e('credentialExpiryWarningDays')}
          helper="Up to 5 different numbers from 1 to 365, separated by commas, e.g. 30, 7, 1."
        >
          {(a) => (
            <Textfield
              id={a.id}
              aria-label="Credential expiry warnings (days before)"
              aria-describedby={a.describedBy}
              isInvalid={a.invalid}
              value={values.credentialExpiryWarningDays}
              onChange={(ev) => set('credentialExpiryWarningDays', ev.currentTarget.value)}
            />
          )}
        </FormField>
        <FormField
          id="settings-channels"
          label="Notify owners by"
          error={e('noticeChannels')}
          helper="How owners hear about reviews, expiring credentials and inactive accounts."
        >
          {(a) => (
            <Select<{ value: NoticeChannel; label: string }, true>
              inputId={a.id}
              aria-label="Notify owners by"
              isMulti
              styles={multiSelectTargetStyles}
              options={CHANNEL_OPTIONS}
              value={CHANNEL_OPTIONS.filter((o) => values.noticeChannels.includes(o.value))}
              onChange={(opts) =>
                set(
                  'noticeChannels',
                  opts.map((o) => o.value),
                )
              }
              isInvalid={a.invalid}
            />
          )}
        </FormField>
        {values.noticeChannels.includes('jira-work-item') ? (
          <Stack space="space.100">
            <Text as="p" color="color.text.subtle">
              One work item per account and finding that needs its owner, assigned to the owner with the
              backup owner watching. Jira emails them as usual; the app comments when the finding changes and
              moves the work item to done when it resolves. Needs the app to create work items in that
              project.
            </Text>
            <FormField
              id="settings-work-project"
              label="Project for owners’ work items"
              required
              error={e('workItemProjectKey')}
              helper="Its key, e.g. OPS."
            >
              {(a) => (
                <Box style={{ maxWidth: 160 }}>
                  <Textfield
                    id={a.id}
                    aria-label="Project for owners’ work items"
                    aria-describedby={a.describedBy}
                    isInvalid={a.invalid}
                    value={values.workItemProjectKey}
                    onChange={(ev) => set('workItemProjectKey', ev.currentTarget.value)}
                  />
                </Box>
              )}
            </FormField>
            <FormField
              id="settings-work-type"
              label="Work type"
              required
              error={e('workItemTypeName')}
              helper="The name of a work type of that project, e.g. Task."
            >
              {(a) => (
                <Box style={{ maxWidth: 240 }}>
                  <Textfield
                    id={a.id}
                    aria-label="Work type"
                    aria-describedby={a.describedBy}
                    isInvalid={a.invalid}
                    value={values.workItemTypeName}
                    onChange={(ev) => set('workItemTypeName', ev.currentTarget.value)}
                  />
                </Box>
              )}
            </FormField>
          </Stack>
        ) : null}
        <FormField
          id="settings-dormant"
          label="Dormant after (days without changes)"
          required
          error={e('dormantAfterDays')}
          helper="7 to 365 days (0 turns the check off). An account that created, edited or commented on nothing in Jira for this long is flagged DORMANT. Read-only use is invisible to Jira: dormant means “made no changes”."
        >
          {(a) => (
            <Box style={{ maxWidth: 160 }}>
              <Textfield
                id={a.id}
                type="number"
                min={0}
                max={365}
                aria-label="Dormant after (days without changes)"
                aria-describedby={a.describedBy}
                isInvalid={a.invalid}
                value={values.dormantAfterDays}
                onChange={(ev) => set('dormantAfterDays', ev.currentTarget.value)}
              />
            </Box>
          )}
        </FormField>
        <FormField
          id="settings-groups"
          label="Offboarding groups"
          error={e('offboardingGroups')}
          helper="Jira groups whose members may run the offboarding check, besides admins. Up to 10, separated by commas."
        >
          {(a) => (
            <Textfield
              id={a.id}
              aria-label="Offboarding groups"
              aria-describedby={a.describedBy}
              isInvalid={a.invalid}
              value={values.offboardingGroups}
              onChange={(ev) => set('offboardingGroups', ev.currentTarget.value)}
            />
          )}
        </FormField>
        <FormField
          id="settings-field"
          label="Departing person field"
          error={e('offboardingUserField')}
          helper="The user-picker custom field that names the departing person on offboarding tickets, e.g. customfield_10050. Empty: none."
        >
          {(a) => (
            <Textfield
              id={a.id}
              aria-label="Departing person field"
              aria-describedby={a.describedBy}
              isInvalid={a.invalid}
              value={values.offboardingUserField}
              onChange={(ev) => set('offboardingUserField', ev.currentTarget.value)}
            />
          )}
        </FormField>
        <FormField
          id="settings-enforced-projects"
          label="Hold offboarding tickets in projects"
          error={e('enforcedProjects')}
          helper="Project keys where the workflow validator holds the transitions below while the departing person's verdict is block, e.g. OFF. Empty: nowhere."
        >
          {(a) => (
            <Textfield
              id={a.id}
              aria-label="Hold offboarding tickets in projects"
              aria-describedby={a.describedBy}
              isInvalid={a.invalid}
              value={values.enforcedProjects}
              onChange={(ev) => set('enforcedProjects', ev.currentTarget.value)}
            />
          )}
        </FormField>
        <FormField
          id="settings-enforced-statuses"
          label="Hold transitions to"
          error={e('enforcedStatuses')}
          helper="Status names, e.g. Done. A Jira admin adds the “Integration accounts offboarding check” validator to those transitions of the workflow."
        >
          {(a) => (
            <Textfield
              id={a.id}
              aria-label="Hold transitions to"
              aria-describedby={a.describedBy}
              isInvalid={a.invalid}
              value={values.enforcedStatuses}
              onChange={(ev) => set('enforcedStatuses', ev.currentTarget.value)}
            />
          )}
        </FormField>
        <FormField
          id="settings-patterns"
          label="Candidate words"
          error={e('candidatePatterns')}
          helper="Words in a name or email that make an untagged account a candidate. Up to 30, separated by commas."
        >
          {(a) => (
            <Textfield
              id={a.id}
              aria-label="Candidate words"
              aria-describedby={a.describedBy}
              isInvalid={a.invalid}
              value={values.candidatePatterns}
              onChange={(ev) => set('candidatePatterns', ev.currentTarget.value)}
            />
          )}
        </FormField>
        <FormField
          id="settings-sweep-share"
          label="Sweep's share of Jira's hourly API quota (%)"
          required
          error={e('sweepQuotaSharePercent')}
          helper="Jira limits each app's API use per hour. The hourly check of all accounts spends at most this share (1–50 %, default 10); on a large registry it then spreads over several hours, still checking every account within a day."
        >
          {(a) => (
            <Box style={{ maxWidth: 160 }}>
              <Textfield
                id={a.id}
                aria-label="Sweep's share of Jira's hourly API quota (%)"
                aria-describedby={a.describedBy}
                type="number"
                min={1}
                max={50}
                isInvalid={a.invalid}
                value={values.sweepQuotaSharePercent}
                onChange={(ev) => set('sweepQuotaSharePercent', ev.currentTarget.value)}
              />
            </Box>
          )}
        </FormField>
        {(e('_') ?? e('version')) ? <Text color="color.text.danger">{e('_') ?? e('version')}</Text> : null}
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isLoading={saving}>
            Save settings
          </Button>
          <Button
            appearance="subtle"
            isDisabled={saving}
            onClick={() => {
              setValues(valuesOf(view));
              setErrors({});
            }}
          >
            Discard changes
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

function WebhookSecret() {
  const { settings: view, setSettings } = useAdmin();
  const status = view.webhookSecret;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [rotated, setRotated] = useState<RotatedWebhookSecret | null>(null);
  const field = useRef<HTMLInputElement>(null);

  const rotate = async () => {
    setBusy(true);
    try {
      const result = await adminApi.rotateWebhookSecret();
      setRotated(result);
      setConfirming(false);
      setTimeout(() => field.current?.focus(), 0);
      setSettings({ ...view, webhookSecret: { source: 'stored', createdAt: result.createdAt } });
      flags.success('Webhook secret rotated', 'Copy the new secret now; it won’t be shown again.');
    } catch (e) {
      flags.error('The secret was not rotated', e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.200">
      <Inline space="space.100" alignBlock="center">
        <Text>Status:</Text>
        {status.source === 'environment' ? (
          <Lozenge appearance="inprogress">Set by the environment</Lozenge>
        ) : status.source === 'stored' ? (
          <Lozenge appearance="success">Configured</Lozenge>
        ) : (
          <Lozenge appearance="moved">Not set</Lozenge>
        )}
        {status.createdAt ? (
          <Text color="color.text.subtle">{`created ${formatTime(status.createdAt)}`}</Text>
        ) : null}
      </Inline>
      <Text as="p" color="color.text.subtle">
        HR and identity automation sign their pre-deactivation checks with this secret (Standard Webhooks).
        Rotating it stops the old secret at once: update the sender straight away.
      </Text>
      {status.source === 'environment' ? (
        <Text as="p">The secret comes from OFFBOARDING_WEBHOOK_SECRET; change it there.</Text>
      ) : (
        <Box>
          <Button
            appearance="warning"
            onClick={() => {
              revealAppTop();
              setConfirming(true);
            }}
          >
            {status.source === 'none' ? 'Create secret' : 'Rotate secret'}
          </Button>
        </Box>
      )}
      {rotated ? (
        <SectionMessage appearance="warning" title="Copy the new secret now — it won’t be shown again">
          <Stack space="space.150">
            <FormField id="new-secret" label="New webhook secret">
              {(a) => (
                <Textfield
                  id={a.id}
                  ref={field}
                  aria-label="New webhook secret"
                  isReadOnly
                  isMonospaced
                  value={rotated.secret}
                  onFocus={(ev) => ev.currentTarget.select()}
                />
              )}
            </FormField>
            <Inline space="space.100">
              <Button
                onClick={() =>
                  void copyText(rotated.secret).then((ok) => {
                    if (ok) flags.success('Secret copied');
                    else {
                      field.current?.focus();
                      field.current?.select();
                      flags.info(
                        'Select and copy it',
                        'The browser blocked the clipboard; the secret is selected.',
                      );
                    }
                  })
                }
              >
                Copy secret
              </Button>
              <Button appearance="subtle" onClick={() => setRotated(null)}>
                I’ve stored it
              </Button>
            </Inline>
          </Stack>
        </SectionMessage>
      ) : null}
      <ModalTransition>
        {confirming ? (
          <Modal onClose={busy ? undefined : () => setConfirming(false)} label="Rotate the webhook secret">
            <ModalHeader hasCloseButton>
              <ModalTitle appearance="warning">
                {status.source === 'none' ? 'Create the webhook secret?' : 'Rotate the webhook secret?'}
              </ModalTitle>
            </ModalHeader>
            <ModalBody>
              <Text as="p">
                {status.source === 'none'
                  ? 'A new secret is generated and shown to you once.'
                  : 'Requests signed with the current secret will be refused from now on. The new secret is shown to you once.'}
              </Text>
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={() => setConfirming(false)} isDisabled={busy}>
                Cancel
              </Button>
              <Button appearance="warning" onClick={() => void rotate()} isLoading={busy}>
                {status.source === 'none' ? 'Create secret' : 'Rotate secret'}
              </Button>
            </ModalFooter>
          </Modal>
        ) : null}
      </ModalTransition>
    </Stack>
  );
}

export default function SettingsPage() {
  return (
    <div style={{ display: 'grid', gap: token('space.400'), maxWidth: 720 }}>
      <section aria-label="Registry settings">
        <Stack space="space.200">
          <Heading size="small" as="h2">
            Registry
          </Heading>
          <SettingsForm />
        </Stack>
      </section>
      <section aria-label="Pre-deactivation webhook">
        <Stack space="space.200">
          <Heading size="small" as="h2">
            Pre-deactivation webhook secret
          </Heading>
          <WebhookSecret />
        </Stack>
      </section>
      <section aria-label="Organization audit-log webhook">
        <Stack space="space.200">
          <Heading size="small" as="h2">
            Organization audit-log webhook
          </Heading>
          <OrgAuditWebhook />
        </Stack>
      </section>
    </div>
  );
}
