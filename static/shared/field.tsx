import type { ReactNode } from 'react';
import { ErrorMessage, HelperMessage, Label, RequiredAsterisk } from '@atlaskit/form';
import { Box } from '@atlaskit/primitives/compiled/box';

export interface FieldAria {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

/**
 * A labelled control with its helper text and error beside it (the server's field-level errors
 * land here too), wired with `aria-describedby` so screen readers read them with the control.
 */
export function FormField({
  id,
  label,
  required,
  helper,
  error,
  children,
}: {
  id: string;
  label: string;
  required?: boolean;
  helper?: ReactNode;
  error?: string | undefined;
  children: (aria: FieldAria) => ReactNode;
}) {
  const helperId = helper ? `${id}-helper` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, helperId].filter(Boolean).join(' ') || undefined;
  return (
    <Box>
      <Label htmlFor={id}>
        {label}
        {required ? <RequiredAsterisk /> : null}
      </Label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <div id={errorId} role="alert">
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      ) : null}
      {helper && !error ? (
        <div id={helperId}>
          <HelperMessage>{helper}</HelperMessage>
        </div>
      ) : helper ? (
        <div id={helperId} style={{ display: 'none' }}>
          {helper}
        </div>
      ) : null}
    </Box>
  );
}
