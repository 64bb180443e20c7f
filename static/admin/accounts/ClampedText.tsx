/**
 * Text shown on at most `lines` lines, with a "Show more" / "Show less" toggle when it is clipped
 * (measured, so short text gets no toggle). Words wrap whole: no break inside a word.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { token } from '@atlaskit/tokens';

export function ClampedText({ text, lines, label }: { text: string; lines: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [clipped, setClipped] = useState(false);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || expanded) return;
    const measure = () => setClipped(el.scrollHeight > el.clientHeight + 1);
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    observer?.observe(el);
    return () => observer?.disconnect();
  }, [text, lines, expanded]);

  return (
    <Stack space="space.050" alignInline="start">
      <div
        ref={ref}
        style={{
          font: token('font.body'),
          color: token('color.text'),
          overflowWrap: 'normal',
          wordBreak: 'normal',
          whiteSpace: 'pre-line',
          ...(expanded
            ? {}
            : {
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: lines,
                overflow: 'hidden',
              }),
        }}
      >
        {text}
      </div>
      {clipped || expanded ? (
        <button
          type="button"
          aria-expanded={expanded}
          aria-label={`${expanded ? 'Show less' : 'Show more'} of ${label}`}
          onClick={() => setExpanded((e) => !e)}
          style={{
            font: token('font.body.small'),
            color: token('color.link'),
            background: 'none',
            border: 'none',
            padding: 0,
            cursor: 'pointer',
            textDecoration: 'underline',
          }}
        >
          {expanded ? 'Show less' : 'Show more'}
        </button>
      ) : null}
    </Stack>
  );
}
