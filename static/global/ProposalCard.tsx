import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import Textarea from '@atlaskit/textarea';
import { token } from '@atlaskit/tokens';
import type { ProposalForMe } from '@contract/owner';
import { isApiError, ownerApi } from '../shared/api';
import { flags } from '../shared/flags';
import { Card, Field, List } from '../offboarding/ui';
import { FormButtons, fieldError, FormCard } from './form-kit';
import { CREDENTIAL_KIND_LABELS, formatDate } from './format';

/** The reason the proposed person gives for declining (optional; the proposer reads it). */
function DeclineForm({
  proposal,
  onDeclined,
  onCancel,
}: {
  proposal: ProposalForMe;
  onDeclined: () => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = `decline-${proposal.accountId}`;
  const submit = async () => {
    setBusy(true);
    try {
      await ownerApi.declineProposal({
        accountId: proposal.accountId,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      flags.info(
        'Hand-over declined',
        `${proposal.proposedBy.displayName} is told that you won’t take over ${proposal.accountName}.`,
      );
      onDeclined();
    } catch (e) {
      flags.error('The hand-over was not declined', e);
      setError(fieldError(e, 'reason'));
      if (isApiError(e) && (e.code === 'FORBIDDEN' || e.code === 'CONFLICT')) onDeclined();
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormCard label={`Decline the hand-over of ${proposal.accountName}`} onSubmit={submit}>
      <Field
        id={`${id}-reason`}
        label="Why not?"
        helper={`Optional. ${proposal.proposedBy.displayName} reads it; it is kept in the audit log.`}
        error={error}
      >
        {(a) => (
          <Textarea
            id={a.id}
            aria-describedby={a.describedBy}
            isInvalid={a.invalid}
            aria-invalid={a.invalid}
            minimumRows={2}
            maxLength={500}
            value={reason}
            isDisabled={busy}
            autoFocus
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setError(undefined);
            }}
          />
        )}
      </Field>
      <FormButtons busy={busy} submit="Decline hand-over" onCancel={onCancel} danger />
    </FormCard>
  );
}

/** A hand-over proposed to the person: what they would take (purpose, integrations, message), accept or decline. */
export function ProposalCard({ proposal, onAnswered }: { proposal: ProposalForMe; onAnswered: () => void }) {
  const [busy, setBusy] = useState(false);
  const [declining, setDeclining] = useState(false);
  const name = proposal.accountName;
  const accept = async () => {
    setBusy(true);
    try {
      await ownerApi.acceptProposal({ accountId: proposal.accountId });
      flags.success('You own it now', `${name} is yours. Thanks for taking it over.`);
      onAnswered();
    } catch (e) {
      flags.error('The hand-over was not accepted', e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card label={`Hand-over of ${name}`} testId={`proposal-${proposal.accountId}`}>
      <Stack space="space.150">
        <Stack space="space.050">
          <Heading size="xsmall" as="h3">
            {`${proposal.proposedBy.displayName} proposes you as the owner of ${name}`}
          </Heading>
          <Text size="small" color="color.text.subtlest">
            {`Proposed ${formatDate(proposal.proposedAt)}`}
          </Text>
        </Stack>
        {proposal.message ? (
          <div
            style={{
              borderInlineStart: `${token('border.width.selected')} solid ${token('color.border')}`,
              paddingInlineStart: token('space.150'),
            }}
          >
            <Text as="p" color="color.text.subtle">
              {`${proposal.proposedBy.displayName} writes: “${proposal.message}”`}
            </Text>
          </div>
        ) : null}
        <Stack space="space.050">
          <Heading size="xxsmall" as="h4">
            What it is for
          </Heading>
          <Text as="p">{proposal.purpose}</Text>
        </Stack>
        <Stack space="space.050">
          <Heading size="xxsmall" as="h4">
            {`Integrations signing in as it (${String(proposal.integrations.length)})`}
          </Heading>
          {proposal.integrations.length > 0 ? (
            <List>
              {proposal.integrations.map((i, n) => (
                <li key={`${i.system}:${i.environment}:${String(n)}`}>
                  <Text weight="medium">{`${i.system} (${i.environment})`}</Text>
                  <Text color="color.text.subtle">
                    {` — ${CREDENTIAL_KIND_LABELS[i.credentialKind]}${
                      i.credentialExpiresOn ? `, expires ${formatDate(i.credentialExpiresOn)}` : ''
                    }`}
                  </Text>
                </li>
              ))}
            </List>
          ) : (
            <Text color="color.text.subtlest">None recorded</Text>
          )}
        </Stack>
        <Text color="color.text.subtle">
          {`Owner now: ${proposal.owner.displayName}. Backup owner: ${
            proposal.backupOwner ? proposal.backupOwner.displayName : 'none'
          }.`}
        </Text>
        {declining ? (
          <DeclineForm proposal={proposal} onDeclined={onAnswered} onCancel={() => setDeclining(false)} />
        ) : (
          <Inline space="space.100" shouldWrap>
            <Button
              appearance="primary"
              isLoading={busy}
              onClick={() => void accept()}
              aria-label={`Accept ownership of ${name}`}
            >
              Accept ownership
            </Button>
            <Button
              appearance="subtle"
              isDisabled={busy}
              onClick={() => setDeclining(true)}
              aria-label={`Decline the hand-over of ${name}`}
            >
              Decline
            </Button>
          </Inline>
        )}
      </Stack>
    </Card>
  );
}
