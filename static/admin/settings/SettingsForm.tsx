/**
 * Settings → Registry: one form saved whole, against the version it was loaded at (a concurrent save
 * is a conflict the admin resolves, never a silent overwrite). Unsaved edits hold navigation back.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import {
  NOTICE_CHANNELS,
  updateSettingsInput,
  type NoticeChannel,
  type SettingsView,
} from '@contract/settings';
import { adminApi, isApiError } from '../../shared/api';
import { FormField } from '../../shared/field';
import { flags } from '../../shared/flags';
import { multiSelectTargetStyles } from '../../shared/select-targets';
import { UnsavedChangesGuard } from '../../shared/unsaved-changes';
import { useAdmin } from '../admin-context';
import { issuesToFields, type FieldErrors } from '../accounts/registration-form';
import { DepartingFieldPicker, GroupsPicker } from './OffboardingPickers';
import { fieldOf, hasUnsavedEdits, payload, valuesOf, type Values } from './settings-values';

const CHANNEL_LABELS: Record<NoticeChannel, string> = {
  'in-app-flag': 'Flag in Jira',
  'jira-work-item': 'Also a Jira work item for owners',
  'jira-email': 'Email from Jira',
};
const CHANNEL_OPTIONS = NOTICE_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));

type TextKey = { [K in keyof Values]: Values[K] extends string ? K : never }[keyof Values];

/** A text or number setting: label, helper, error and width in one place. */
function TextSetting({
  id,
  name,
  label,
  helper,
  required,
  width,
  range,
  values,
  set,
  errorOf,
}: {
  id: string;
  name: TextKey;
  label: string;
  helper: string;
  required?: boolean;
  width?: number;
  /** A number field with these bounds. */
  range?: [number, number];
  values: Values;
  set: (name: TextKey, value: string) => void;
  /** The server's message for a field, if any. */
  errorOf: (name: string) => string | undefined;
}) {
  return (
    <FormField id={id} label={label} required={required} error={errorOf(name)} helper={helper}>
      {(a) => (
        <Box style={width ? { maxWidth: width } : undefined}>
          <Textfield
            id={a.id}
            {...(range ? { type: 'number', min: range[0], max: range[1] } : {})}
            aria-label={label}
            aria-describedby={a.describedBy}
            isInvalid={a.invalid}
            value={values[name]}
            onChange={(ev) => set(name, ev.currentTarget.value)}
          />
        </Box>
      )}
    </FormField>
  );
}

export function SettingsForm() {
  const { settings: view, setSettings } = useAdmin();
  const [loaded, setLoaded] = useState<SettingsView>(view);
  const [values, setValues] = useState<Values>(() => valuesOf(view));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState<{ message: string; current?: SettingsView | undefined } | null>(
    null,
  );
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((prev) => ({ ...prev, [k]: v }));
  const dirty = hasUnsavedEdits(values, loaded);

  const adopt = (current: SettingsView) => {
    setSettings(current);
    setLoaded(current);
    setValues(valuesOf(current));
    setErrors({});
  };

  const save = async () => {
    setConflict(null);
    const body = payload(values, loaded.version);
    const check = updateSettingsInput.safeParse(body);
    if (!check.success) {
      setErrors(issuesToFields(check.error.issues));
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      adopt(await adminApi.updateSettings(body));
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
      adopt(conflict?.current ?? (await adminApi.getSettings()));
      setConflict(null);
      flags.info('Reloaded the current settings');
    } catch (e) {
      flags.error('The settings could not be reloaded', e);
    }
  };

  const e = (name: string) => fieldOf(errors, name);
  const text = { values, set, errorOf: e } as const;
  return (
    <form
      noValidate
      aria-label="Settings"
      onSubmit={(ev) => {
        ev.preventDefault();
        void save();
      }}
    >
      <UnsavedChangesGuard dirty={dirty && !saving} what="the settings" />
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
        <TextSetting
          {...text}
          id="settings-cadence"
          name="defaultReviewCadenceDays"
          label="Default review cadence (days)"
          required
          width={160}
          range={[30, 365]}
          helper="For newly tagged accounts: 30 to 365 days."
        />
        <TextSetting
          {...text}
          id="settings-windows"
          name="credentialExpiryWarningDays"
          label="Credential expiry warnings (days before)"
          required
          helper="Up to 5 different numbers from 1 to 365, separated by commas, e.g. 30, 7, 1."
        />
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
            <TextSetting
              {...text}
              id="settings-work-project"
              name="workItemProjectKey"
              label="Project for owners’ work items"
              required
              width={160}
              helper="Its key, e.g. OPS."
            />
            <TextSetting
              {...text}
              id="settings-work-type"
              name="workItemTypeName"
              label="Work type"
              required
              width={240}
              helper="The name of a work type of that project, e.g. Task."
            />
          </Stack>
        ) : null}
        <TextSetting
          {...text}
          id="settings-dormant"
          name="dormantAfterDays"
          label="Dormant after (days without changes)"
          required
          width={160}
          range={[0, 365]}
          helper="7 to 365 days (0 turns the check off). An account that created, edited or commented on nothing in Jira for this long is flagged DORMANT. Read-only use is invisible to Jira: dormant means “made no changes”."
        />
        <FormField
          id="settings-groups"
          label="Offboarding groups"
          error={e('offboardingGroups')}
          helper={`Jira groups whose members may run the offboarding check, besides admins. Up to 10.`}
        >
          {(a) => (
            <GroupsPicker
              aria={a}
              value={values.offboardingGroups}
              stored={loaded.settings.offboardingGroups}
              onChange={(groups) => set('offboardingGroups', groups)}
            />
          )}
        </FormField>
        <FormField
          id="settings-field"
          label="Departing person field"
          error={e('offboardingUserField')}
          helper="The user-picker field that names the departing person on offboarding tickets. Empty: none."
        >
          {(a) => (
            <DepartingFieldPicker
              aria={a}
              value={values.offboardingUserField}
              onChange={(id) => set('offboardingUserField', id)}
            />
          )}
        </FormField>
        <TextSetting
          {...text}
          id="settings-enforced-projects"
          name="enforcedProjects"
          label="Hold offboarding tickets in projects"
          helper="Project keys where the workflow validator holds the transitions below while the departing person's verdict is block, e.g. OFF. Empty: nowhere."
        />
        <TextSetting
          {...text}
          id="settings-enforced-statuses"
          name="enforcedStatuses"
          label="Hold transitions to"
          helper="Status names, e.g. Done. A Jira admin adds the “Integration accounts offboarding check” validator to those transitions of the workflow."
        />
        <TextSetting
          {...text}
          id="settings-patterns"
          name="candidatePatterns"
          label="Candidate words"
          helper="Words in a name or email that make an untagged account a candidate. Up to 30, separated by commas."
        />
        <TextSetting
          {...text}
          id="settings-sweep-share"
          name="sweepQuotaSharePercent"
          label="Sweep's share of Jira's hourly API quota (%)"
          required
          width={160}
          range={[1, 50]}
          helper="Jira limits each app's API use per hour. The hourly check of all accounts spends at most this share (1–50 %, default 10); on a large registry it then spreads over several hours, still checking every account within a day."
        />
        {(e('_') ?? e('version')) ? <Text color="color.text.danger">{e('_') ?? e('version')}</Text> : null}
        <Inline space="space.100" alignBlock="center">
          <Button type="submit" appearance="primary" isLoading={saving}>
            Save settings
          </Button>
          <Button
            appearance="subtle"
            isDisabled={saving || !dirty}
            onClick={() => {
              setValues(valuesOf(loaded));
              setErrors({});
            }}
          >
            Discard changes
          </Button>
          {dirty ? (
            <Text color="color.text.subtle" testId="settings-unsaved">
              Unsaved changes
            </Text>
          ) : null}
        </Inline>
      </Stack>
    </form>
  );
}
