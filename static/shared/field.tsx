/**
 * The form kit every surface uses (adopt it instead of wiring Label / ErrorMessage / aria by hand):
 *
 * - `FormField`: a labelled slot for any control (pickers, selects), its helper and error wired with
 *   `aria-describedby` / `aria-invalid`.
 * - `TextField`, `TextAreaField`: the same with the control built in. Give `maxLength` (from the
 *   contract's limits, src/contract) and they show a counter ("12 / 500") and refuse nothing silently.
 * - `DateField`: a date typed in the viewer's locale order (`DD/MM/YYYY`…), handed back as `YYYY-MM-DD`
 *   (static/shared/dates.ts).
 * - `checkWith(schema)`: the contract's zod schema as a validator before the round trip, in people's
 *   words (src/contract/words.ts). Pair with `useMutation` (static/shared/mutation.ts).
 *
 * e.g. `<TextAreaField id="purpose" label="Purpose" required maxLength={500} value={v} onChange={setV}
 *        error={errors.purpose} />`
 */
import { useEffect, useState, type ReactNode } from 'react';
import { ErrorMessage, HelperMessage, Label, RequiredAsterisk } from '@atlaskit/form';
import { Box } from '@atlaskit/primitives/compiled/box';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Text } from '@atlaskit/primitives/compiled/text';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { issuesByField, type ValidatorIssue } from '@contract/words';
import { dateInputPattern, formatDateInput, parseDateInput } from './dates';

export interface FieldAria {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

/** Field path → message, as the server's BAD_REQUEST details and `checkWith` name them. */
export type FieldErrors = Record<string, string>;

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
  counter,
  children,
}: {
  id: string;
  label: string;
  required?: boolean;
  helper?: ReactNode;
  error?: string | undefined;
  /** Characters used of the limit, shown under the control. */
  counter?: { used: number; max: number } | undefined;
  children: (aria: FieldAria) => ReactNode;
}) {
  const helperId = helper ? `${id}-helper` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const counterId = counter ? `${id}-counter` : undefined;
  const describedBy = [errorId, helperId, counterId].filter(Boolean).join(' ') || undefined;
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
      {helper && error ? (
        <div id={helperId} hidden>
          {helper}
        </div>
      ) : null}
      {(helper && !error) || counter ? (
        <Inline spread="space-between" alignBlock="start" space="space.100">
          {helper && !error ? (
            <div id={helperId}>
              <HelperMessage>{helper}</HelperMessage>
            </div>
          ) : (
            <span />
          )}
          {counter ? <Counter id={counterId!} {...counter} /> : null}
        </Inline>
      ) : null}
    </Box>
  );
}

/** "12 / 500": quiet until the last tenth of the limit, then announced (polite) and coloured. */
function Counter({ id, used, max }: { id: string; used: number; max: number }) {
  const near = used > max * 0.9;
  const over = used > max;
  return (
    <div id={id} aria-live={near ? 'polite' : 'off'} style={{ marginBlockStart: 4, whiteSpace: 'nowrap' }}>
      <Text
        size="small"
        color={over ? 'color.text.danger' : near ? 'color.text.warning' : 'color.text.subtlest'}
      >
        {over
          ? `${(used - max).toLocaleString()} over the ${max.toLocaleString()}-character limit`
          : `${used.toLocaleString()} / ${max.toLocaleString()}`}
      </Text>
    </div>
  );
}

interface TextProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  helper?: ReactNode;
  error?: string | undefined;
  /** The contract's limit: shows a counter. Typing past it is allowed (and said), never cut. */
  maxLength?: number;
  placeholder?: string;
  isDisabled?: boolean;
  autoFocus?: boolean;
  /** The accessible name when the visible label is not enough (`System, integration 2`). */
  ariaLabel?: string;
}

export function TextField({
  type,
  autoComplete,
  width,
  ...p
}: TextProps & { type?: 'text' | 'number' | 'email'; autoComplete?: string; width?: number }) {
  return (
    <FormField
      id={p.id}
      label={p.label}
      required={p.required}
      helper={p.helper}
      error={p.error}
      counter={p.maxLength ? { used: p.value.length, max: p.maxLength } : undefined}
    >
      {(a) => (
        <Box style={width ? { maxWidth: width } : undefined}>
          <Textfield
            id={a.id}
            type={type}
            aria-label={p.ariaLabel ?? p.label}
            aria-describedby={a.describedBy}
            aria-required={p.required || undefined}
            isInvalid={a.invalid}
            autoComplete={autoComplete}
            placeholder={p.placeholder}
            isDisabled={p.isDisabled}
            autoFocus={p.autoFocus}
            value={p.value}
            onChange={(e) => p.onChange(e.currentTarget.value)}
          />
        </Box>
      )}
    </FormField>
  );
}

export function TextAreaField({ minimumRows = 3, ...p }: TextProps & { minimumRows?: number }) {
  return (
    <FormField
      id={p.id}
      label={p.label}
      required={p.required}
      helper={p.helper}
      error={p.error}
      counter={p.maxLength ? { used: p.value.length, max: p.maxLength } : undefined}
    >
      {(a) => (
        <Textarea
          id={a.id}
          aria-label={p.ariaLabel ?? p.label}
          aria-describedby={a.describedBy}
          aria-required={p.required || undefined}
          isInvalid={a.invalid}
          // Atlaskit's Textarea does not set aria-invalid from isInvalid.
          aria-invalid={a.invalid}
          minimumRows={minimumRows}
          maxHeight="30vh"
          placeholder={p.placeholder}
          isDisabled={p.isDisabled}
          autoFocus={p.autoFocus}
          value={p.value}
          onChange={(e) => p.onChange(e.currentTarget.value)}
        />
      )}
    </FormField>
  );
}

/**
 * A date typed the way the viewer's locale writes it (the placeholder shows the order). `value` and
 * `onChange` are `YYYY-MM-DD` ('' for none); text that is not a date keeps what was typed and says so.
 */
export function DateField({
  value,
  onChange,
  ...p
}: Omit<TextProps, 'maxLength' | 'placeholder'> & { value: string; onChange: (iso: string) => void }) {
  const pattern = dateInputPattern();
  const [text, setText] = useState(() => formatDateInput(value));
  const [typo, setTypo] = useState(false);
  useEffect(() => {
    // A new value from outside (reload, another field) replaces what is shown.
    if (parseDateInput(text) !== value) setText(formatDateInput(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the value changes from outside
  }, [value]);
  const commit = (t: string) => {
    const iso = parseDateInput(t);
    setTypo(iso === undefined);
    // Not a date: the form gets the text as typed, so its check stops the save rather than keep the old date.
    const next = iso ?? t;
    if (next !== value) onChange(next);
  };
  return (
    <FormField
      id={p.id}
      label={p.label}
      required={p.required}
      helper={p.helper ?? `As ${pattern.placeholder}.`}
      error={typo ? `Enter a date as ${pattern.placeholder}.` : p.error}
    >
      {(a) => (
        <Textfield
          id={a.id}
          aria-label={p.ariaLabel ?? p.label}
          aria-describedby={a.describedBy}
          aria-required={p.required || undefined}
          isInvalid={a.invalid}
          inputMode="numeric"
          autoComplete="off"
          placeholder={pattern.placeholder}
          isDisabled={p.isDisabled}
          autoFocus={p.autoFocus}
          value={text}
          onChange={(e) => {
            const t = e.currentTarget.value;
            setText(t);
            if (typo || parseDateInput(t) !== undefined) commit(t);
          }}
          onBlur={() => commit(text)}
        />
      )}
    </FormField>
  );
}

/**
 * The contract's schema as a check before the round trip: `undefined` when the value passes, else
 * field path → message in people's words (the same the server would answer).
 */
export function checkWith<T>(schema: {
  safeParse: (
    v: unknown,
  ) => { success: true; data: T } | { success: false; error: { issues: readonly ValidatorIssue[] } };
}) {
  return (value: unknown): FieldErrors | undefined => {
    const r = schema.safeParse(value);
    return r.success ? undefined : issuesByField(r.error.issues);
  };
}
