/**
 * Unsaved edits are not lost by a stray click: while `dirty`, an in-app navigation (a tab, a link, the
 * page header's button) first asks "Leave without saving?", and leaving the page itself (the Jira
 * sidebar, reload, closing the tab) gets the browser's own prompt (`beforeunload`, which Forge's iframe
 * sandbox allows with `allow-modals`).
 */
import { useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Modal, {
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
} from '@atlaskit/modal-dialog';
import { Text } from '@atlaskit/primitives/compiled/text';
import { useRouter } from './router';

export function UnsavedChangesGuard({ dirty, what }: { dirty: boolean; what: string }) {
  const { guardLeaving } = useRouter();
  const [pending, setPending] = useState<(() => void) | null>(null);
  const stay = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!dirty) return undefined;
    const remove = guardLeaving((proceed) => {
      setPending(() => proceed);
      return true;
    });
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when `returnValue` is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      remove();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty, guardLeaving]);

  const leave = () => {
    const proceed = pending;
    setPending(null);
    proceed?.();
  };

  return (
    <ModalTransition>
      {pending ? (
        <Modal onClose={() => setPending(null)} label="Leave without saving?" autoFocus={stay}>
          <ModalHeader hasCloseButton>
            <ModalTitle appearance="warning">Leave without saving?</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <Text as="p">{`Your changes to ${what} are not saved. If you leave now, they are lost.`}</Text>
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={leave}>
              Leave without saving
            </Button>
            <Button ref={stay} appearance="primary" onClick={() => setPending(null)}>
              Stay and keep editing
            </Button>
          </ModalFooter>
        </Modal>
      ) : null}
    </ModalTransition>
  );
}
