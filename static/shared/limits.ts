/**
 * The contract's limits, read from its zod schemas (src/contract) so a form's counter and bounds are the
 * ones the server checks, never a second copy: `maxLengthOf(attestInput.shape.comment)` → 1000.
 *
 * zod 4 says a string's `maxLength` and a number's `minValue` / `maxValue` itself (zod/v4/classic
 * schemas.d.ts: `ZodString.maxLength`, `ZodNumber.minValue`); an array has no such getter, so its
 * `.max(n)` is read from its checks (`_zod.def.checks`, `check: 'max_length'`). test/unit/form-limits.test.ts
 * pins both against the contract.
 */

/** The parts of a zod 4 schema read here (optional / default wrappers, strings, arrays, numbers). */
interface SchemaLike {
  maxLength?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
  _zod?: {
    def?: {
      type?: string;
      innerType?: SchemaLike;
      checks?: readonly { _zod?: { def?: { check?: string; maximum?: unknown } } }[];
    };
  };
}

/** Wrappers that keep the inner schema's limits. */
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch']);

/** The schema inside `.optional()` / `.default()` / `.nullable()` (not an array's element). */
function inner(schema: unknown): SchemaLike {
  let s = schema as SchemaLike;
  while (WRAPPERS.has(s._zod?.def?.type ?? '') && s._zod?.def?.innerType) s = s._zod.def.innerType;
  return s;
}

function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value)))
    throw new Error(`The contract's schema has no ${what}.`);
  return value;
}

/** A string's most characters, or an array's most items. Throws when the schema has none (a wiring slip). */
export function maxLengthOf(schema: unknown): number {
  const s = inner(schema);
  if (typeof s.maxLength === 'number') return s.maxLength;
  const check = s._zod?.def?.checks?.find((c) => c._zod?.def?.check === 'max_length');
  const max = check?._zod?.def?.maximum;
  return required(typeof max === 'number' ? max : undefined, 'length limit');
}

/** A number's bounds, `[min, max]`. Throws when the schema has none. */
export function rangeOf(schema: unknown): [number, number] {
  const s = inner(schema);
  const safe = (v: number | null | undefined) =>
    v === undefined || v === null || Math.abs(v) >= Number.MAX_SAFE_INTEGER ? undefined : v;
  return [required(safe(s.minValue), 'minimum'), required(safe(s.maxValue), 'maximum')];
}
