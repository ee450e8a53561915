/**
 * @module A monitor's latency percentiles over time as a hand-drawn SVG (as kpi-chart.tsx): p50,
 * p95 and p99 lines with gaps where nothing ran, an uptime strip underneath, and a text
 * alternative naming the worst point.
 */
import type { LatencyPoint } from '../../shared/monitoring.ts';

const LINES = [
  { key: 'p50Ms', label: 'p50', color: '#2563eb' },
  { key: 'p95Ms', label: 'p95', color: '#d97706' },
  { key: 'p99Ms', label: 'p99', color: '#dc2626' },
] as const;

/** Polyline segments, broken where a value is missing. */
function segments(values: (number | null)[], x: (i: number) => number, y: (v: number) => number) {
  const out: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) out.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) out.push(current.join(' '));
  return out;
}

export function LatencyChart({ points, name }: { points: LatencyPoint[]; name: string }) {
  const width = 720;
  const height = 220;
  const pad = { left: 48, right: 12, top: 12, bottom: 40 };
  const known = points.flatMap((p) => [p.p50Ms, p.p95Ms, p.p99Ms]).filter((v) => v !== null);
  const max = Math.max(10, ...known);
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = (i: number) =>
    pad.left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => pad.top + plotH - (v / max) * plotH;
  const worst = points.reduce<LatencyPoint | null>(
    (w, p) => (p.p99Ms !== null && (w === null || p.p99Ms > (w.p99Ms ?? 0)) ? p : w),
    null,
  );
  const label = worst
    ? `${name}: latency p50, p95 and p99 over ${points.length} periods; worst p99 ${worst.p99Ms} ms at ${new Date(worst.start).toLocaleString()}`
    : `${name}: no latency measured in this window`;
  const first = points[0];
  const last = points[points.length - 1];
  const stripY = height - 22;
  const barW = Math.max(1, plotW / Math.max(1, points.length));
  return (
    <figure className="latency-chart">
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width="100%">
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line
              x1={pad.left}
              x2={width - pad.right}
              y1={y(max * f)}
              y2={y(max * f)}
              stroke="currentColor"
              opacity={0.15}
            />
            <text
              x={pad.left - 6}
              y={y(max * f) + 4}
              textAnchor="end"
              fontSize="11"
              fill="currentColor"
            >
              {Math.round(max * f)} ms
            </text>
          </g>
        ))}
        {LINES.map((line) =>
          segments(
            points.map((p) => p[line.key]),
            x,
            y,
          ).map((pts, i) =>
            pts.includes(' ') ? (
              <polyline
                key={`${line.key}-${i}`}
                points={pts}
                fill="none"
                stroke={line.color}
                strokeWidth={1.8}
              />
            ) : (
              <circle
                key={`${line.key}-${i}`}
                cx={pts.split(',')[0]}
                cy={pts.split(',')[1]}
                r={2.5}
                fill={line.color}
              />
            ),
          ),
        )}
        {points.map((p, i) => (
          <rect
            key={p.start}
            x={x(i) - barW / 2}
            y={stripY}
            width={barW}
            height={8}
            fill={
              p.uptime === null
                ? '#e5e7eb'
                : p.uptime >= 0.999
                  ? '#2e7d32'
                  : p.uptime >= 0.9
                    ? '#f9a825'
                    : '#c62828'
            }
          >
            <title>
              {`${new Date(p.start).toLocaleString()}: ${p.uptime === null ? 'no checks' : `${(p.uptime * 100).toFixed(2)} % up`}`}
            </title>
          </rect>
        ))}
        {first && (
          <text x={pad.left} y={height - 2} fontSize="11" fill="currentColor">
            {new Date(first.start).toLocaleString()}
          </text>
        )}
        {last && (
          <text
            x={width - pad.right}
            y={height - 2}
            fontSize="11"
            textAnchor="end"
            fill="currentColor"
          >
            {new Date(last.start).toLocaleString()}
          </text>
        )}
      </svg>
      <figcaption className="legend">
        {LINES.map((l) => (
          <span key={l.key}>
            <span className="swatch" style={{ background: l.color }} /> {l.label}
          </span>
        ))}
        <span className="muted"> · strip: uptime per period</span>
      </figcaption>
    </figure>
  );
}
