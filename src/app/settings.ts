import { actedBy } from './acted-by';
import type { RotatedWebhookSecret, SettingsView, UpdateSettingsInput } from '../contract/settings';
import { settingsSchema } from '../domain/settings';
import type { Invocation, RegistryDeps } from './context';
import { AppError, conflict, invalid } from './errors';
import { StaleWriteError } from './ports';

export async function getSettings(deps: RegistryDeps): Promise<SettingsView> {
  const [stored, webhookSecret] = await Promise.all([deps.settings.getStored(), deps.secrets.status()]);
  return { settings: stored.settings, version: stored.version, webhookSecret };
}

/** Saves the settings (whole form); a stale `version` is a CONFLICT carrying the current settings. */
export async function updateSettings(
  input: UpdateSettingsInput,
  inv: Invocation,
  deps: RegistryDeps,
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
