/**
 * One owner for a secret the app generates and shows once (the pre-deactivation webhook's signing
 * secret, the org audit-log webhook's Authorization value): its status, the create/replace button, the
 * confirmation, and the copy-it-now panel afterwards.
 */
import { useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
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
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { FormField } from '../../shared/field';
import { flags } from '../../shared/flags';
import { revealAppTop } from '../../shared/reveal';
import { copyText } from '../ui/ExportResult';
import { formatTime } from '../ui/format';

/** A read-only value with a Copy button; when the clipboard is blocked, the text is selected instead. */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const field = useRef<HTMLInputElement>(null);
  return (
    <FormField id={id} label={label}>
      {(a) => (
        <Inline space="space.100" alignBlock="center">
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Textfield
              id={a.id}
              ref={field}
              aria-label={label}
              isReadOnly
              isMonospaced
              value={value}
              onFocus={(ev) => ev.currentTarget.select()}
            />
          </Box>
          <Button
            aria-label={`Copy ${label.toLowerCase()}`}
            onClick={() =>
              void copyText(value).then((ok) => {
                if (ok) flags.success(`${label} copied`);
                else {
                  field.current?.focus();
                  field.current?.select();
                  flags.info(
                    'Select and copy it',
                    'The browser blocked the clipboard; the text is selected.',
                  );
                }
              })
            }
          >
            Copy
          </Button>
        </Inline>
      )}
    </FormField>
  );
}

export interface SecretStatus {
  source: 'environment' | 'stored' | 'none';
  createdAt?: string | undefined;
}

/** What one secret is called and what changing it does, in the words of its section. */
export interface SecretWords {
  /** e.g. "Create secret" / "Rotate secret". */
  createAction: string;
  replaceAction: string;
  /** The confirmation's question. */
  createQuestion: string;
  replaceQuestion: string;
  createEffect: string;
  replaceEffect: string;
  /** The environment variable that wins over a generated secret. */
  envVar: string;
  /** The label of the value shown once, e.g. "New webhook secret", "Authorization value". */
  valueLabel: string;
  /** Above it: "Copy … now — it won’t be shown again". */
  shownTitle: string;
  /** The button that closes the copy-it-now panel. */
  doneAction: string;
  /** The success flag. */
  rotatedTitle: string;
  rotatedDescription: string;
  failedTitle: string;
}

export function SecretRotation({
  id,
  status,
  words,
  rotate,
}: {
  id: string;
  status: SecretStatus;
  words: SecretWords;
  /** Generates the secret on the server; answers the value to show once. */
  rotate: () => Promise<string>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const creating = status.source === 'none';

  const run = async () => {
    setBusy(true);
    try {
      const value = await rotate();
      setShown(value);
      setConfirming(false);
      setTimeout(() => panel.current?.querySelector<HTMLInputElement>('input')?.focus(), 0);
      flags.success(words.rotatedTitle, words.rotatedDescription);
    } catch (e) {
      flags.error(words.failedTitle, e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.200">
      <Inline space="space.100" alignBlock="center">
        <Text>Secret:</Text>
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
      {status.source === 'environment' ? (
        <Text as="p">{`The secret comes from ${words.envVar}; change it there.`}</Text>
      ) : (
        <Box>
          <Button
            appearance={creating ? 'primary' : 'warning'}
            onClick={() => {
              revealAppTop();
              setConfirming(true);
            }}
          >
            {creating ? words.createAction : words.replaceAction}
          </Button>
        </Box>
      )}
      {shown ? (
        <div ref={panel}>
          <SectionMessage appearance="warning" title={words.shownTitle}>
            <Stack space="space.150">
              <CopyField id={`${id}-value`} label={words.valueLabel} value={shown} />
              <Box>
                <Button appearance="subtle" onClick={() => setShown(null)}>
                  {words.doneAction}
                </Button>
              </Box>
            </Stack>
          </SectionMessage>
        </div>
      ) : null}
      <ModalTransition>
        {confirming ? (
          <Modal
            onClose={busy ? undefined : () => setConfirming(false)}
            label={creating ? words.createQuestion : words.replaceQuestion}
          >
            <ModalHeader hasCloseButton>
              <ModalTitle appearance="warning">
                {creating ? words.createQuestion : words.replaceQuestion}
              </ModalTitle>
            </ModalHeader>
            <ModalBody>
              <Text as="p">{creating ? words.createEffect : words.replaceEffect}</Text>
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={() => setConfirming(false)} isDisabled={busy}>
                Cancel
              </Button>
              <Button appearance="warning" onClick={() => void run()} isLoading={busy}>
                {creating ? words.createAction : words.replaceAction}
              </Button>
            </ModalFooter>
          </Modal>
        ) : null}
      </ModalTransition>
    </Stack>
  );
}
