import { lazy, Suspense, type ComponentProps } from 'react';
import Spinner from '@atlaskit/spinner';

/** The picker (Atlaskit Select) loads when a form first shows one, not with the panel. */
const Picker = lazy(() => import('./PeoplePicker').then((m) => ({ default: m.PeoplePicker })));

export function PeoplePicker(props: ComponentProps<typeof Picker>) {
  return (
    <Suspense fallback={<Spinner size="small" label={`Loading ${props.label}`} />}>
      <Picker {...props} />
    </Suspense>
  );
}
