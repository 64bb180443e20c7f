/**
 * The form kit every surface uses (adopt it instead of wiring Label / ErrorMessage / aria by hand):
 *
 * - `FormField`: a labelled slot for any control (pickers, selects), its helper and error wired with
 *   `aria-describedby` / `aria-invalid`.
 * - `TextField`, `TextAreaField`: the same with the control built in. Give `maxLength` (the contract's
 *   limit, `maxLengthOf(schema)` in static/shared/limits.ts) and they show a counter ("12 / 500") and
 *   refuse nothing silently; a list typed with commas gives `counter` ("3 / 30 words") instead.
 * - `DateField`: a date typed in the viewer's locale order (`DD/MM/YYYY`…), handed back as `YYYY-MM-DD`
 *   (static/shared/dates.ts).
 * - `checkWith(schema)`: the contract's zod schema as a validator before the round trip, in people's
 *   words (src/contract/words.ts). Pair with `useMutation` (static/shared/mutation.ts).
 *
 * e.g. `<TextAreaField id="purpose" label="Purpose" required maxLength={PURPOSE_MAX}
 *        {...save.bind('purpose', purpose, setPurpose)} />`   (value, error, onChange: useMutation)
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

/** How much of a limit is used: characters, or a list's items (`of: 'words'`). */
export interface CounterValue {
  used: number;
  max: number;
  of?: string | undefined;
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
  /** How much of the limit is used, shown under the control. */
  counter?: CounterValue | undefined;
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
          {counter ? <Counter id={counterId!} beside={Boolean(error)} {...counter} /> : null}
        </Inline>
      ) : null}
    </Box>
  );
}

/**
 * "12 / 500": quiet until the last tenth of the limit, then announced (polite) and coloured. With `of`
 * (a list's items: "words", "projects") it counts those instead of characters: "3 / 30 words". Past
 * the limit it says by how much, unless the field's error already says so (`beside`): then the count.
 */
function Counter({ id, used, max, of, beside }: { id: string; beside: boolean } & CounterValue) {
  const near = used > max * 0.9;
  const over = used > max;
  const n = (v: number) => v.toLocaleString();
  const overText = of
    ? `${n(used - max)} more than the ${n(max)} ${of} allowed`
    : `${n(used - max)} over the ${n(max)}-character limit`;
  return (
    <div id={id} aria-live={near ? 'polite' : 'off'} style={{ marginBlockStart: 4, whiteSpace: 'nowrap' }}>
      <Text
        size="small"
        color={over ? 'color.text.danger' : near ? 'color.text.warning' : 'color.text.subtlest'}
      >
        {over && !beside ? overText : `${n(used)} / ${n(max)}${of ? ` ${of}` : ''}`}
      </Text>
    </div>
  );
}

/** What every field of the kit takes besides its value. */
interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  helper?: ReactNode;
  error?: string | undefined;
  isDisabled?: boolean;
  autoFocus?: boolean;
  /** The accessible name when the visible label is not enough (`System, integration 2`). */
  ariaLabel?: string;
}

/** The props Atlaskit's Textfield and Textarea both take from the field around them. */
interface ControlProps {
  id: string;
  'aria-label': string;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
  // Atlaskit's Textarea does not set aria-invalid from isInvalid; given to both alike.
  'aria-invalid': boolean;
  isInvalid: boolean;
  isDisabled: boolean | undefined;
  autoFocus: boolean | undefined;
}

/** The kit's fields in one place: label, helper, error and counter around a control wired to them. */
function KitField({
  field,
  counter,
  children,
}: {
  field: FieldProps;
  counter?: CounterValue | undefined;
  children: (control: ControlProps) => ReactNode;
}) {
  return (
    <FormField
      id={field.id}
      label={field.label}
      required={field.required}
      helper={field.helper}
      error={field.error}
      counter={counter}
    >
      {(a) =>
        children({
          id: a.id,
          'aria-label': field.ariaLabel ?? field.label,
          'aria-describedby': a.describedBy,
          'aria-required': field.required || undefined,
          'aria-invalid': a.invalid,
          isInvalid: a.invalid,
          isDisabled: field.isDisabled,
          autoFocus: field.autoFocus,
        })
      }
    </FormField>
  );
}

interface TextProps extends FieldProps {
  value: string;
  onChange: (value: string) => void;
  /** The contract's limit (`maxLengthOf`, static/shared/limits.ts): shows a counter. Typing past it is allowed (and said), never cut. */
  maxLength?: number | undefined;
  /** A list typed as text: the counter counts its items (`{ used: 3, max: 30, of: 'words' }`) instead. */
  counter?: CounterValue | undefined;
  placeholder?: string;
}

const counterOf = (p: TextProps): CounterValue | undefined =>
  p.counter ?? (p.maxLength ? { used: p.value.length, max: p.maxLength } : undefined);

export function TextField({
  type,
  autoComplete,
  width,
  min,
  max,
  ...p
}: TextProps & {
  type?: 'text' | 'number' | 'email';
  autoComplete?: string;
  width?: number | undefined;
  /** A number field's bounds (`rangeOf`, static/shared/limits.ts). */
  min?: number | undefined;
  max?: number | undefined;
}) {
  return (
    <KitField field={p} counter={counterOf(p)}>
      {(control) => (
        <Box style={width ? { maxWidth: width } : undefined}>
          <Textfield
            {...control}
            type={type}
            min={min}
            max={max}
            autoComplete={autoComplete}
            placeholder={p.placeholder}
            value={p.value}
            onChange={(e) => p.onChange(e.currentTarget.value)}
          />
        </Box>
      )}
    </KitField>
  );
}

export function TextAreaField({ minimumRows = 3, ...p }: TextProps & { minimumRows?: number }) {
  return (
    <KitField field={p} counter={counterOf(p)}>
      {(control) => (
        <Textarea
          {...control}
          minimumRows={minimumRows}
          maxHeight="30vh"
          placeholder={p.placeholder}
          value={p.value}
          onChange={(e) => p.onChange(e.currentTarget.value)}
        />
      )}
    </KitField>
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
}: FieldProps & { value: string; onChange: (iso: string) => void }) {
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
    <KitField
      field={{
        ...p,
        helper: p.helper ?? `As ${pattern.placeholder}.`,
        error: typo ? `Enter a date as ${pattern.placeholder}.` : p.error,
      }}
    >
      {(control) => (
        <Textfield
          {...control}
          inputMode="numeric"
          autoComplete="off"
          placeholder={pattern.placeholder}
          value={text}
          onChange={(e) => {
            const t = e.currentTarget.value;
            setText(t);
            if (typo || parseDateInput(t) !== undefined) commit(t);
          }}
          onBlur={() => commit(text)}
        />
      )}
    </KitField>
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
