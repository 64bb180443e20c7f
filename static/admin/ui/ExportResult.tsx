import { useEffect, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Text } from '@atlaskit/primitives/compiled/text';
import Textarea from '@atlaskit/textarea';
import { token } from '@atlaskit/tokens';
import { flags } from '../../shared/flags';
import { plural } from './format';

export interface ExportedFile {
  fileName: string;
  format: 'csv' | 'json';
  content: string;
  count: number;
}

/** Copies text: the async clipboard where the frame may use it, else a selection + execCommand. */
export async function copyText(text: string, fallback?: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallback) return false;
    fallback.focus();
    fallback.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/**
 * A finished export: a download link (a Blob URL; the frame allows downloads) and, because some
 * hosts block downloads from sandboxed frames, the same text in a read-only box with a copy button.
 */
export function ExportResult({ file, label }: { file: ExportedFile; label: string }) {
  const [showText, setShowText] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const url = useMemo(
    () =>
      URL.createObjectURL(
        new Blob([file.content], { type: file.format === 'csv' ? 'text/csv' : 'application/json' }),
      ),
    [file],
  );
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const id = `export-${file.format}-text`;
  return (
    <div
      style={{
        border: `${token('border.width')} solid ${token('color.border')}`,
        borderRadius: token('radius.medium'),
        padding: token('space.200'),
        background: token('elevation.surface.sunken'),
      }}
      data-testid={`export-result-${file.format}`}
    >
      <Stack space="space.150">
        <Inline space="space.150" alignBlock="center" shouldWrap>
          <Text weight="medium">{`${label}: ${plural(file.count, 'record')}`}</Text>
          <a
            href={url}
            download={file.fileName}
            style={{ color: token('color.link'), fontWeight: token('font.weight.medium') }}
          >
            {`Download ${file.fileName}`}
          </a>
          <Button
            spacing="compact"
            appearance="subtle"
            onClick={() => setShowText((s) => !s)}
            aria-expanded={showText}
          >
            {showText ? 'Hide text' : 'Show as text'}
          </Button>
          <Button
            spacing="compact"
            onClick={() =>
              void copyText(file.content, area.current).then((ok) =>
                ok
                  ? flags.success('Copied', `${file.fileName} is on the clipboard.`)
                  : flags.error('Not copied', new Error('The browser refused; select the text and copy it.')),
              )
            }
          >
            Copy
          </Button>
        </Inline>
        {showText ? (
          <div>
            <Label htmlFor={id}>{`${file.fileName} (read-only)`}</Label>
            <Textarea
              id={id}
              ref={area}
              isReadOnly
              isMonospaced
              value={file.content}
              minimumRows={8}
              maxHeight="40vh"
              resize="vertical"
            />
          </div>
        ) : null}
      </Stack>
    </div>
  );
}
