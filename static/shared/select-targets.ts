/**
 * WCAG 2.2 "Target size (minimum)" (2.5.8) for Atlaskit's multi-value selects: the text input that
 * follows the chosen values shrinks to a few pixels beside the last value's remove button, so
 * neither is a 24 px target nor spaced from the other. The input keeps at least 24 × 24 px.
 */
export const multiSelectTargetStyles = {
  input: (base: object) => ({
    ...base,
    minWidth: 24,
    minHeight: 24,
    marginInlineStart: 4,
    gridTemplateColumns: '0 minmax(min-content, 1fr)',
  }),
};
