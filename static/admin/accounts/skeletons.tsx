/**
 * Placeholders in the shape of what is loading, so the page keeps its layout while data arrives
 * (one skeleton per area instead of a spinner after a spinner). Design tokens only.
 */
import type { CSSProperties } from 'react';
import { token } from '@atlaskit/tokens';

function Bar({
  width,
  height = 12,
  style,
}: {
  width: number | string;
  height?: number;
  style?: CSSProperties;
}) {
  return (
    <span
      aria-hidden
      style={{
        display: 'block',
        width,
        height,
        borderRadius: token('radius.small'),
        background: token('color.skeleton'),
        ...style,
      }}
    />
  );
}

/** What a screen reader hears while a skeleton is shown. */
function Announce({ label }: { label: string }) {
  return (
    <span
      style={{
        position: 'absolute',
        width: 1,
        height: 1,
        overflow: 'hidden',
        clip: 'rect(0 0 0 0)',
        whiteSpace: 'nowrap',
      }}
    >
      {label}
    </span>
  );
}

const card: CSSProperties = {
  border: `${token('border.width')} solid ${token('color.border')}`,
  borderRadius: token('radius.medium'),
  padding: `${token('space.100')} ${token('space.200')}`,
};

/** The summary tiles' shape. */
export function TilesSkeleton({ count }: { count: number }) {
  return (
    <div
      aria-hidden
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(118px, 1fr))',
        gap: token('space.150'),
      }}
    >
      {Array.from({ length: count }, (_, i) => (
        <div key={i} style={{ ...card, display: 'grid', gap: token('space.100') }}>
          <Bar width={28} height={20} />
          <Bar width="80%" />
        </div>
      ))}
    </div>
  );
}

/** A table's rows while its first page loads. */
export function TableSkeleton({ rows = 6, label }: { rows?: number; label: string }) {
  return (
    <div role="status" aria-live="polite" data-testid="table-skeleton" style={{ position: 'relative' }}>
      <Announce label={`${label}…`} />
      <div aria-hidden style={{ display: 'grid', gap: token('space.200') }}>
        <Bar width="30%" height={16} />
        {Array.from({ length: rows }, (_, i) => (
          <div
            key={i}
            style={{
              display: 'grid',
              gridTemplateColumns: '3fr 3fr 2fr 1fr 1fr',
              gap: token('space.200'),
              paddingBlock: token('space.100'),
              borderBlockEnd: `${token('border.width')} solid ${token('color.border')}`,
            }}
          >
            <div style={{ display: 'grid', gap: token('space.075') }}>
              <Bar width="70%" />
              <Bar width="45%" height={10} />
            </div>
            <div style={{ display: 'grid', gap: token('space.075') }}>
              <Bar width="90%" />
              <Bar width="60%" />
            </div>
            <Bar width="75%" />
            <Bar width="80%" />
            <Bar width="60%" />
          </div>
        ))}
      </div>
    </div>
  );
}

/** An account page's shape: its header, two cards and a table. */
export function AccountSkeleton() {
  return (
    <div role="status" aria-live="polite" data-testid="account-skeleton" style={{ position: 'relative' }}>
      <Announce label="Loading the account…" />
      <div aria-hidden style={{ display: 'grid', gap: token('space.300') }}>
        <Bar width={90} />
        <div style={{ display: 'flex', gap: token('space.200'), alignItems: 'center' }}>
          <Bar width={48} height={48} />
          <div style={{ display: 'grid', gap: token('space.100'), flex: 1 }}>
            <Bar width="35%" height={24} />
            <Bar width="50%" />
          </div>
        </div>
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))',
            gap: token('space.300'),
          }}
        >
          {[0, 1].map((i) => (
            <div
              key={i}
              style={{ ...card, padding: token('space.250'), display: 'grid', gap: token('space.150') }}
            >
              <Bar width="40%" height={16} />
              {[0, 1, 2, 3].map((j) => (
                <Bar key={j} width={`${85 - j * 10}%`} />
              ))}
            </div>
          ))}
        </div>
        <TableSkeleton rows={2} label="Loading" />
      </div>
    </div>
  );
}
