import { useCallback, useState } from 'react';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Text } from '@atlaskit/primitives/compiled/text';
import { OffboardingCheck } from '../offboarding';

/** Shown instead of the check to anyone who may not run it: no person, no account, no verdict. */
export const NOT_FOR_YOU_TEXT = 'The integration accounts check is for offboarding staff and Jira admins.';
export const NO_PERSON_TEXT = 'This work item names no departing person, so there is nothing to check.';

/**
 * `jira:issuePanel` "Integration accounts check" on offboarding tickets. The server reads the
 * departing person from the issue in the platform's context and decides who may see the answer;
 * this panel only renders what it is given.
 */
export function IssuePanelApp() {
  const [gate, setGate] = useState<'check' | 'forbidden' | 'no-person'>('check');
  const onForbidden = useCallback(() => setGate('forbidden'), []);
  const onNoPerson = useCallback(() => setGate('no-person'), []);
  return (
    <Box as="main" padding="space.050" testId="issue-panel">
      {gate === 'forbidden' ? (
        <Text as="p" color="color.text.subtlest" testId="issue-panel-not-for-you">
          {NOT_FOR_YOU_TEXT}
        </Text>
      ) : gate === 'no-person' ? (
        <Text as="p" color="color.text.subtle" testId="issue-panel-no-person">
          {NO_PERSON_TEXT}
        </Text>
      ) : (
        <OffboardingCheck source="issue" onForbidden={onForbidden} onNoPerson={onNoPerson} />
      )}
    </Box>
  );
}
