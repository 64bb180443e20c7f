/**
 * Text clipped to a few lines, with "Show more" when (and only when) it is clipped: the rest is one
 * keyboard-reachable toggle away, announced as expanded or collapsed.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';

export function ExpandableText({ text, lines = 3, what }: { text: string; lines?: number; what: string }) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [clipped, setClipped] = useState(false);

  const measure = () => {
    const el = box.current;
    if (el && !open) setClipped(el.scrollHeight > el.clientHeight + 1);
  };
  useLayoutEffect(measure, [text, open, lines]);
  useEffect(() => {
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  });

  return (
    <div>
      <div
        id={id}
        ref={box}
        style={
          open
            ? { overflowWrap: 'anywhere' }
            : {
                display: '-webkit-box',
                WebkitLineClamp: lines,
                WebkitBoxOrient: 'vertical',
                overflow: 'hidden',
                overflowWrap: 'anywhere',
              }
        }
      >
        {text}
      </div>
      {clipped || open ? (
        <Button
          appearance="subtle"
          spacing="compact"
          aria-expanded={open}
          aria-controls={id}
          aria-label={`${open ? 'Show less' : 'Show more'} of ${what}`}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Show less' : 'Show more'}
        </Button>
      ) : null}
    </div>
  );
}
