/** Names wrap between words, never inside one (no mid-word breaks at 1024 px). */
export const WHOLE_WORDS = { overflowWrap: 'normal', wordBreak: 'normal', hyphens: 'manual' } as const;
