import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import { OffboardingCheck } from './OffboardingCheck';

/** The admin page's "Offboarding check" subpage (lazy-loaded by the admin router). */
export default function OffboardingCheckPage() {
  return (
    <Stack space="space.200">
      <Text as="p" color="color.text.subtle">
        Before you deactivate someone, see which integration accounts they are, own or back up, and hand them
        over. The same check runs on offboarding tickets and for HR automation.
      </Text>
      <OffboardingCheck source="pick" />
    </Stack>
  );
}
