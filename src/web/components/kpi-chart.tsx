/**
 * @module A KPI's trend against its target as a hand-drawn SVG: a line of readings, a dashed
 * target line, and a text alternative. No chart library: a few dozen lines, nothing to load, and
 * the numbers stay readable by screen readers through the label and the readings table beside it.
 */
import type { Reading } from '../../shared/kpis.ts';

interface Props {
  readings: Reading[];
  target: number;
  unit: string;
  name: string;
  width?: number;
  height?: number;
  /** Small version for cards: no axis labels. */
  mini?: boolean;
}

export function KpiChart({ readings, target, unit, name, width = 560, height = 200, mini }: Props) {
  const points = [...readings].sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  const pad = mini ? 4 : 32;
  const values = [...points.map((p) => p.value), target];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x = (i: number) =>
    points.length <= 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1);
  const y = (v: number) => height - pad - ((v - min) / span) * (height - 2 * pad);
  const last = points[points.length - 1];
  const label = last
    ? `${name}: latest ${last.value} ${unit} (${last.period}), target ${target} ${unit}, ${points.length} readings`
    : `${name}: no readings yet, target ${target} ${unit}`;
  return (
    <svg
      className={mini ? 'kpi-chart mini' : 'kpi-chart'}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${height}`}
      width={mini ? 120 : '100%'}
      height={mini ? 32 : undefined}
      preserveAspectRatio="none"
    >
      <title>{label}</title>
      <line
        x1={pad}
        x2={width - pad}
        y1={y(target)}
        y2={y(target)}
        stroke="currentColor"
        strokeDasharray="6 4"
        opacity={0.5}
      />
      {points.length > 1 && (
        <polyline
          fill="none"
          stroke="var(--accent, #2563eb)"
          strokeWidth={mini ? 2 : 2.5}
          points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')}
        />
      )}
      {!mini &&
        points.map((p, i) => (
          <circle key={p.id} cx={x(i)} cy={y(p.value)} r={4} fill="var(--accent, #2563eb)">
            <title>{`${p.period}: ${p.value} ${unit}`}</title>
          </circle>
        ))}
      {!mini && (
        <text x={width - pad} y={y(target) - 6} textAnchor="end" fontSize="12" fill="currentColor">
          target {target}
        </text>
      )}
    </svg>
  );
}
