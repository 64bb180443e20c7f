/**
 * What a form shows above its fields after a save did not go through (pair with `useMutation`):
 * `ConflictMessage` when someone else saved first (with what they changed and a reload), and
 * `SaveProblem` for any other failure, listing field errors no field of the form shows.
 */
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { errorMessage } from './errors';
import type { Conflict } from './mutation';

export function ConflictMessage({
  conflict,
  what,
  changed,
  version,
  onReload,
}: {
  conflict: Conflict;
  /** `this account` */
  what: string;
  /** The fields they changed, in words. */
  changed: string[];
  /** The record's version now, when known. */
  version?: number | undefined;
  onReload: () => void;
}) {
  return (
    <SectionMessage
      appearance="warning"
      title={`Someone else saved ${what} while you were editing`}
      actions={[
        <SectionMessageAction key="reload" onClick={onReload}>
          Reload the current record
        </SectionMessageAction>,
      ]}
    >
      <Stack space="space.100">
        <Text as="p">{errorMessage(new Error(conflict.message))}</Text>
        {conflict.current ? (
          <Text as="p">
            {changed.length ? `They changed: ${changed.join(', ')}. ` : ''}
            {version !== undefined ? `The record is now at version ${version}. ` : ''}
            Reloading shows their version; your unsaved changes in this form will be discarded, so copy
            anything you want to keep first.
          </Text>
        ) : null}
      </Stack>
    </SectionMessage>
  );
}

export function SaveProblem({ error, others }: { error: unknown; others: string[] }) {
  return (
    <SectionMessage appearance="error" title="This wasn’t saved">
      <Stack space="space.100">
        <Text as="p">{error === undefined ? 'Some fields need attention.' : errorMessage(error)}</Text>
        {others.map((m) => (
          <Text as="p" key={m}>
            {m}
          </Text>
        ))}
      </Stack>
    </SectionMessage>
  );
}
