import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { token } from '@atlaskit/tokens';
import { declineProposalInput, type DeclineProposalInput, type ProposalForMe } from '@contract/owner';
import { isApiError, ownerApi } from '../shared/api';
import { checkWith, TextAreaField } from '../shared/field';
import { flags } from '../shared/flags';
import { maxLengthOf } from '../shared/limits';
import { useMutation } from '../shared/mutation';
import { Card, List } from '../offboarding/ui';
import { FormButtons, FormCard } from './form-kit';
import { CREDENTIAL_KIND_LABELS, formatDate } from './format';

const REASON_MAX = maxLengthOf(declineProposalInput.shape.reason);

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
  const id = `decline-${proposal.accountId}`;
  const decline = useMutation({
    check: checkWith(declineProposalInput),
    run: (input: DeclineProposalInput) => ownerApi.declineProposal(input),
    success: () => ({
      title: 'Hand-over declined',
      description: `${proposal.proposedBy.displayName} is told that you won’t take over ${proposal.accountName}.`,
    }),
    failure: 'The hand-over was not declined',
    onSuccess: onDeclined,
    // Gone or no longer theirs to answer: the page reloads without it.
    onConflict: onDeclined,
    onFailure: (e) => {
      if (isApiError(e) && e.code === 'FORBIDDEN') onDeclined();
    },
  });
  const submit = async () => {
    await decline.mutate({ accountId: proposal.accountId, ...(reason.trim() ? { reason } : {}) });
  };
  return (
    <FormCard label={`Decline the hand-over of ${proposal.accountName}`} onSubmit={submit}>
      <TextAreaField
        id={`${id}-reason`}
        label="Why not?"
        helper={`Optional. ${proposal.proposedBy.displayName} reads it; it is kept in the audit log.`}
        minimumRows={2}
        maxLength={REASON_MAX}
        isDisabled={decline.pending}
        autoFocus
        {...decline.bind('reason', reason, setReason)}
      />
      <FormButtons busy={decline.pending} submit="Decline hand-over" onCancel={onCancel} danger />
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
