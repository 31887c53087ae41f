import type { ColumnProfile } from '../api/client';

type Bins = NonNullable<ColumnProfile['histogram']>;

const compact = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });

/** A small bar chart of a numeric column's bins, drawn as plain SVG; the label says what it shows. */
export function Histogram({ bins, column }: { bins: Bins; column: string }) {
  if (bins.length === 0) return null;
  const width = 160;
  const height = 48;
  const most = Math.max(1, ...bins.map((bin) => bin.count));
  const barWidth = width / bins.length;
  const first = bins[0]!;
  const last = bins[bins.length - 1]!;
  const label = `Histogram of ${column}: ${bins.length} bins from ${compact.format(first.from)} to ${compact.format(last.to)}, the fullest holding ${most} values`;
  return (
    <figure className="histogram">
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={label}>
        {bins.map((bin, i) => {
          const barHeight = bin.count === 0 ? 0 : Math.max(1, (bin.count / most) * height);
          return (
            <rect key={i} x={i * barWidth + 0.5} y={height - barHeight} width={Math.max(1, barWidth - 1)} height={barHeight}>
              <title>{`${compact.format(bin.from)} – ${compact.format(bin.to)}: ${bin.count}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="muted small">
        {compact.format(first.from)} – {compact.format(last.to)}
      </figcaption>
    </figure>
  );
}
