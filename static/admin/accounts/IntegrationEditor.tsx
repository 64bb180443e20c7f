import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import Select from '@atlaskit/select';
import { token } from '@atlaskit/tokens';
import { CREDENTIAL_KINDS, integrationSchema, type CredentialKind } from '@contract/accounts';
import { DateField, FormField, TextField, type FieldErrors } from '../../shared/field';
import { maxLengthOf } from '../../shared/limits';
import { CREDENTIAL_KIND_LABELS } from '../ui/format';
import type { IntegrationRow } from './registration-form';

interface Opt<T extends string> {
  value: T;
  label: string;
}
const ENVIRONMENTS = ['dev', 'staging', 'prod', 'other'];
const KIND_OPTIONS: Opt<CredentialKind>[] = CREDENTIAL_KINDS.map((k) => ({
  value: k,
  label: CREDENTIAL_KIND_LABELS[k],
}));
/** The contract's limits (src/contract/accounts.ts `integrationSchema`), read from it. */
const SYSTEM_MAX = maxLengthOf(integrationSchema.shape.system);
const LABEL_MAX = maxLengthOf(integrationSchema.shape.credentialLabel);

/** One integration of the tag / edit form: the system, its environment and its credential's metadata. */
export function IntegrationEditor({
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
          <TextField
            id={id('system')}
            label="System"
            ariaLabel={`System, integration ${n}`}
            required
            maxLength={SYSTEM_MAX}
            error={err('system')}
            placeholder="e.g. Jenkins"
            value={row.system}
            onChange={(v) => set('system', v)}
          />
          <FormField id={id('environment')} label="Environment" required error={err('environment')}>
            {(a) => (
              <Select<Opt<string>>
                inputId={a.id}
                aria-label={`Environment, integration ${n}`}
                aria-describedby={a.describedBy}
                isInvalid={a.invalid}
                options={envOptions}
                value={envOptions.find((o) => o.value === row.environment) ?? null}
                onChange={(o) => o && set('environment', o.value)}
              />
            )}
          </FormField>
          <FormField id={id('kind')} label="Credential kind" required error={err('credentialKind')}>
            {(a) => (
              <Select<Opt<CredentialKind>>
                inputId={a.id}
                aria-label={`Credential kind, integration ${n}`}
                aria-describedby={a.describedBy}
                isInvalid={a.invalid}
                options={KIND_OPTIONS}
                value={KIND_OPTIONS.find((o) => o.value === row.credentialKind) ?? null}
                onChange={(o) => o && set('credentialKind', o.value)}
              />
            )}
          </FormField>
          <TextField
            id={id('label')}
            label="Credential label"
            ariaLabel={`Credential label, integration ${n}`}
            helper="A name to find it by, not the secret."
            maxLength={LABEL_MAX}
            autoComplete="off"
            error={err('credentialLabel')}
            placeholder="e.g. jenkins-jira-prod"
            value={row.credentialLabel}
            onChange={(v) => set('credentialLabel', v)}
          />
          <DateField
            id={id('expires')}
            label="Credential expiry"
            ariaLabel={`Credential expiry, integration ${n}`}
            error={err('credentialExpiresOn')}
            value={row.credentialExpiresOn}
            onChange={(v) => set('credentialExpiresOn', v)}
          />
          <DateField
            id={id('rotated')}
            label="Last rotation"
            ariaLabel={`Last rotation, integration ${n}`}
            error={err('lastRotatedOn')}
            value={row.lastRotatedOn}
            onChange={(v) => set('lastRotatedOn', v)}
          />
        </div>
      </Stack>
    </div>
  );
}
