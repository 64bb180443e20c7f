import Lozenge from '@atlaskit/lozenge';
import { Text } from '@atlaskit/primitives/compiled/text';
import { token } from '@atlaskit/tokens';

/**
 * A row's open findings as a count that opens, by click or by keyboard (Tab to it, Enter or Space),
 * into the list of what they are: a native disclosure (`<details>`), not a hover-only tooltip. The
 * names are in its accessible name too, so a screen reader hears them on the way past.
 */
export function FindingsBadge({ labels, severe }: { labels: string[]; severe: boolean }) {
  return (
    <details>
      <summary
        aria-label={`${labels.length} findings: ${labels.join(', ')}`}
        title={labels.join('\n')}
        style={{ cursor: 'pointer', minHeight: 24, minWidth: 24 }}
      >
        <Lozenge appearance={severe ? 'removed' : 'moved'}>{String(labels.length)}</Lozenge>
      </summary>
      <ul style={{ margin: `${token('space.050')} 0 0`, paddingInlineStart: token('space.200') }}>
        {labels.map((label) => (
          <li key={label}>
            <Text size="small">{label}</Text>
          </li>
        ))}
      </ul>
    </details>
  );
}
