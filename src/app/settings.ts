import { actedBy } from './acted-by';
import {
  type RotatedWebhookSecret,
  type SettingsView,
  type UpdateSettingsInput,
  USER_PICKER_FIELD_TYPE,
} from '../contract/settings';
import type { FieldErrors } from '../domain/registration';
import { type Settings, settingsSchema } from '../domain/settings';
import type { Invocation, RegistryDeps } from './context';
import { AppError, conflict, invalid } from './errors';
import { StaleWriteError } from './ports';
import type { SiteConfig } from './site-config-ports';

export async function getSettings(deps: RegistryDeps): Promise<SettingsView> {
  const [stored, webhookSecret] = await Promise.all([deps.settings.getStored(), deps.secrets.status()]);
  return { settings: stored.settings, version: stored.version, webhookSecret };
}

/**
 * What Jira must confirm before the settings are saved: the departing-person field is a single user
 * picker on the site, and each offboarding group exists. Only what changed is asked (Jira counts points
 * per field and per group returned), so saving other settings costs no Jira call; a group that
 * disappeared since it was saved is kept (the page marks it) rather than blocking every save.
 */
async function checkOnSite(before: Settings, next: Settings, site: SiteConfig): Promise<void> {
  const fieldId = next.offboardingUserField;
  const newGroups = next.offboardingGroups.filter((g) => !before.offboardingGroups.includes(g));
  const [fields, groups] = await Promise.all([
    fieldId && fieldId !== before.offboardingUserField ? site.fields() : undefined,
    newGroups.length ? site.existingGroups(newGroups) : undefined,
  ]);
  const errors: FieldErrors = {};
  if (fields) {
    const field = fields.find((f) => f.id === fieldId);
    if (!field) errors.offboardingUserField = `Jira has no field ${fieldId}. Pick the field from the list.`;
    else if (field.customType !== USER_PICKER_FIELD_TYPE)
      errors.offboardingUserField = `“${field.name}” is not a single-user picker; pick a field that names one person.`;
  }
  const missing = groups ? newGroups.filter((g) => !groups.has(g)) : [];
  if (missing.length)
    errors.offboardingGroups =
      missing.length === 1
        ? `Jira has no group “${missing[0] ?? ''}”.`
        : `Jira has no groups ${missing.map((g) => `“${g}”`).join(', ')}.`;
  if (Object.keys(errors).length) throw invalid(errors);
}

/**
 * Saves the settings (whole form); a stale `version` is a CONFLICT carrying the current settings, a
 * departing-person field or group Jira does not confirm a BAD_REQUEST on that field.
 */
export async function updateSettings(
  input: UpdateSettingsInput,
  inv: Invocation,
  deps: RegistryDeps & { site: SiteConfig },
): Promise<SettingsView> {
  const { version, ...fields } = input;
  const next = settingsSchema.parse(fields);
  if (next.noticeChannels.includes('jira-work-item') && !next.workItemProjectKey)
    throw invalid({ workItemProjectKey: 'Pick the project where owners get their work items.' });
  const current = await deps.settings.getStored();
  const staleError = async () =>
    conflict('Someone else saved the settings after you opened them.', await getSettings(deps));
  if (current.version !== version) throw await staleError();
  if (JSON.stringify(current.settings) === JSON.stringify(next)) return getSettings(deps);
  await checkOnSite(current.settings, next, deps.site);
  const after = { settings: next, version: current.version + 1 };
  try {
    await deps.audit.commit({
      entry: {
        ...actedBy(inv, deps.clock),
        action: 'settings.update',
        target: { type: 'settings' },
        before: current.settings,
        after: next,
        outcome: 'allowed',
      },
      settings: { expectedVersion: current.version, next: after },
    });
  } catch (e) {
    if (e instanceof StaleWriteError) throw await staleError();
    throw e;
  }
  return getSettings(deps);
}

/** Creates or rotates the pre-deactivation webtrigger's secret and returns it, this once. */
export async function rotateWebhookSecret(
  inv: Invocation,
  deps: RegistryDeps,
): Promise<RotatedWebhookSecret> {
  const status = await deps.secrets.status();
  if (status.source === 'environment')
    throw new AppError(
      'BAD_REQUEST',
      'The secret comes from OFFBOARDING_WEBHOOK_SECRET, which wins over a generated one; change it there.',
    );
  const now = deps.clock.now();
  const rotated = await deps.secrets.rotate(now);
  await deps.audit.commit({
    entry: {
      ...actedBy(inv, now),
      action: 'settings.webhook-secret.rotate',
      target: { type: 'settings', id: 'offboarding-webhook-secret' },
      ...(status.createdAt ? { before: { createdAt: status.createdAt } } : {}),
      // Never the secret itself (ASVS 16.2.5).
      after: { createdAt: rotated.createdAt },
      outcome: 'allowed',
    },
  });
  return rotated;
}
