import type { CSSProperties, ReactNode } from 'react';
import { ErrorMessage, HelperMessage, Label, RequiredAsterisk } from '@atlaskit/form';
import { token } from '@atlaskit/tokens';

/** A bordered surface (an account, a form) drawn with design tokens only. */
export function Card({
  children,
  testId,
  tone = 'default',
  label,
}: {
  children: ReactNode;
  testId?: string;
  tone?: 'default' | 'sunken';
  /** When set, the card is a labelled region (`<section aria-label>`). */
  label?: string;
}) {
  const style: CSSProperties = {
    border: `${token('border.width')} solid ${token('color.border')}`,
    borderRadius: token('radius.medium'),
    padding: token('space.200'),
    background: tone === 'sunken' ? token('elevation.surface.sunken') : token('elevation.surface'),
  };
  return label ? (
    <section aria-label={label} data-testid={testId} style={style}>
      {children}
    </section>
  ) : (
    <div data-testid={testId} style={style}>
      {children}
    </div>
  );
}

export interface FieldAria {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

/** A labelled control with its helper text and its error, wired with `aria-describedby`. */
export function Field({
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
    <div>
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
      {helper ? (
        <div id={helperId}>
          <HelperMessage>{helper}</HelperMessage>
        </div>
      ) : null}
    </div>
  );
}

/** A plain list with token spacing (reasons, integrations). */
export function List({ children }: { children: ReactNode }) {
  return <ul style={{ margin: 0, paddingInlineStart: token('space.250') }}>{children}</ul>;
}
