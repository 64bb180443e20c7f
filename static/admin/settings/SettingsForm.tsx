/**
 * Settings → Registry: one form saved whole, against the version it was loaded at (a concurrent save
 * is a conflict the admin resolves, never a silent overwrite). Unsaved edits hold navigation back.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import {
  NOTICE_CHANNELS,
  updateSettingsInput,
  type NoticeChannel,
  type SettingsView,
  type UpdateSettingsInput,
} from '@contract/settings';
import { adminApi } from '../../shared/api';
import { checkWith, FormField, TextField, type CounterValue } from '../../shared/field';
import { flags } from '../../shared/flags';
import { multiSelectTargetStyles } from '../../shared/select-targets';
import { useMutation } from '../../shared/mutation';
import { UnsavedChangesGuard } from '../../shared/unsaved-changes';
import { useAdmin } from '../admin-context';
import { DepartingFieldPicker, GroupsPicker, MAX_OFFBOARDING_GROUPS } from './OffboardingPickers';
import { fieldOf, hasUnsavedEdits, listItems, payload, valuesOf, type Values } from './settings-values';
import { TEXT_SETTINGS, type TextKey } from './text-settings';

const CHANNEL_LABELS: Record<NoticeChannel, string> = {
  'in-app-flag': 'Flag in Jira',
  'jira-work-item': 'Also a Jira work item for owners',
  'jira-email': 'Email from Jira',
};
const CHANNEL_OPTIONS = NOTICE_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));
const checkSettings = checkWith(updateSettingsInput);

/** One of `TEXT_SETTINGS`, drawn with the form kit's `TextField`. */
export function TextSetting({
  name,
  value,
  error,
  onChange,
}: {
  name: TextKey;
  value: string;
  error: string | undefined;
  onChange: (name: TextKey, value: string) => void;
}) {
  const spec = TEXT_SETTINGS[name];
  const counter: CounterValue | undefined = spec.list
    ? { used: listItems(value).length, ...spec.list }
    : undefined;
  return (
    <TextField
      id={spec.id}
      label={spec.label}
      helper={spec.helper}
      required={spec.required}
      width={spec.width}
      {...(spec.range ? { type: 'number', min: spec.range[0], max: spec.range[1] } : {})}
      maxLength={spec.maxLength}
      counter={counter}
      error={error}
      value={value}
      onChange={(v) => onChange(name, v)}
    />
  );
}

export function SettingsForm() {
  const { settings: view, setSettings } = useAdmin();
  const [loaded, setLoaded] = useState<SettingsView>(view);
  const [values, setValues] = useState<Values>(() => valuesOf(view));
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((prev) => ({ ...prev, [k]: v }));
  const dirty = hasUnsavedEdits(values, loaded);

  const adopt = (current: SettingsView) => {
    setSettings(current);
    setLoaded(current);
    setValues(valuesOf(current));
    save.reset();
  };
  const save = useMutation({
    check: checkSettings,
    run: (body: UpdateSettingsInput) => adminApi.updateSettings(body),
    success: () => ({ title: 'Settings saved' }),
    failure: 'The settings were not saved',
    onSuccess: (saved) => adopt(saved),
  });
  const conflict = save.conflict;

  const reloadCurrent = async () => {
    try {
      adopt((conflict?.current as SettingsView | undefined) ?? (await adminApi.getSettings()));
      flags.info('Reloaded the current settings');
    } catch (e) {
      flags.error('The settings could not be reloaded', e);
    }
  };

  const e = (name: string) => fieldOf(save.fieldErrors, name);
  const text = (name: TextKey) => (
    <TextSetting name={name} value={values[name]} error={e(name)} onChange={set} />
  );
  return (
    <form
      noValidate
      aria-label="Settings"
      onSubmit={(ev) => {
        ev.preventDefault();
        void save.mutate(payload(values, loaded.version));
      }}
    >
      <UnsavedChangesGuard dirty={dirty && !save.pending} what="the settings" />
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
        {text('defaultReviewCadenceDays')}
        {text('credentialExpiryWarningDays')}
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
            {text('workItemProjectKey')}
            {text('workItemTypeName')}
          </Stack>
        ) : null}
        {text('dormantAfterDays')}
        <FormField
          id="settings-groups"
          label="Offboarding groups"
          error={e('offboardingGroups')}
          helper="Jira groups whose members may run the offboarding check, besides admins."
          counter={{ used: values.offboardingGroups.length, max: MAX_OFFBOARDING_GROUPS, of: 'groups' }}
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
        {text('enforcedProjects')}
        {text('enforcedStatuses')}
        {text('candidatePatterns')}
        {text('sweepQuotaSharePercent')}
        {(e('_') ?? e('version')) ? <Text color="color.text.danger">{e('_') ?? e('version')}</Text> : null}
        <Inline space="space.100" alignBlock="center">
          <Button type="submit" appearance="primary" isLoading={save.pending}>
            Save settings
          </Button>
          <Button
            appearance="subtle"
            isDisabled={save.pending || !dirty}
            onClick={() => {
              setValues(valuesOf(loaded));
              save.reset();
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
