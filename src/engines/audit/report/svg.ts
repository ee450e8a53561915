/** @module Small inline SVG charts for the HTML report: bars, a scatter plot and a line chart, no scripts. */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = 36;

export function barChart(bars: { label: string; value: number }[], title: string): string {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const step = (WIDTH - 2 * MARGIN) / Math.max(bars.length, 1);
  const items = bars.map((bar, index) => {
    const height = ((HEIGHT - 2 * MARGIN) * bar.value) / max;
    const x = MARGIN + index * step + step * 0.15;
    const y = HEIGHT - MARGIN - height;
    return (
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${height.toFixed(1)}" fill="#3b6ea5"><title>${escapeXml(`${bar.label}: ${bar.value}`)}</title></rect>` +
      `<text x="${(x + step * 0.35).toFixed(1)}" y="${HEIGHT - MARGIN + 14}" text-anchor="middle" font-size="11">${escapeXml(bar.label)}</text>` +
      `<text x="${(x + step * 0.35).toFixed(1)}" y="${(y - 3).toFixed(1)}" text-anchor="middle" font-size="10">${bar.value}</text>`
    );
  });
  return svg(title, items.join(''));
}

/** Hotspot map: change frequency (x) against complexity (y); the further up and right, the hotter. */
export function scatterChart(
  points: { label: string; x: number; y: number }[],
  title: string,
  xLabel: string,
  yLabel: string,
): string {
  const maxX = Math.max(1, ...points.map((point) => point.x));
  const maxY = Math.max(1, ...points.map((point) => point.y));
  const dots = points.map((point) => {
    const cx = MARGIN + ((WIDTH - 2 * MARGIN) * point.x) / maxX;
    const cy = HEIGHT - MARGIN - ((HEIGHT - 2 * MARGIN) * point.y) / maxY;
    const heat = Math.min(1, (point.x / maxX) * (point.y / maxY) * 2);
    return `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="5" fill="rgb(${Math.round(80 + 175 * heat)},${Math.round(120 - 80 * heat)},${Math.round(200 - 160 * heat)})" fill-opacity="0.8"><title>${escapeXml(`${point.label}: ${point.x} changes, complexity ${point.y}`)}</title></circle>`;
  });
  const axes =
    `<text x="${WIDTH / 2}" y="${HEIGHT - 6}" text-anchor="middle" font-size="11">${escapeXml(xLabel)}</text>` +
    `<text x="12" y="${HEIGHT / 2}" transform="rotate(-90 12 ${HEIGHT / 2})" text-anchor="middle" font-size="11">${escapeXml(yLabel)}</text>`;
  return svg(title, axes + dots.join(''));
}

export function lineChart(
  series: { name: string; color: string; values: number[] }[],
  labels: string[],
  title: string,
): string {
  const max = Math.max(1, ...series.flatMap((line) => line.values));
  const step = (WIDTH - 2 * MARGIN) / Math.max(labels.length - 1, 1);
  const lines = series.map((line) => {
    const points = line.values.map(
      (value, index) =>
        `${(MARGIN + index * step).toFixed(1)},${(HEIGHT - MARGIN - ((HEIGHT - 2 * MARGIN) * value) / max).toFixed(1)}`,
    );
    return `<polyline fill="none" stroke="${line.color}" stroke-width="2" points="${points.join(' ')}"><title>${escapeXml(line.name)}</title></polyline>`;
  });
  const ticks = labels.map((label, index) =>
    index % Math.ceil(labels.length / 8) === 0
      ? `<text x="${(MARGIN + index * step).toFixed(1)}" y="${HEIGHT - MARGIN + 14}" text-anchor="middle" font-size="10">${escapeXml(label)}</text>`
      : '',
  );
  const legend = series.map(
    (line, index) =>
      `<text x="${MARGIN + index * 120}" y="14" font-size="11" fill="${line.color}">■ ${escapeXml(line.name)}</text>`,
  );
  return svg(title, lines.join('') + ticks.join('') + legend.join(''));
}

function svg(title: string, body: string): string {
  const frame = `<line x1="${MARGIN}" y1="${HEIGHT - MARGIN}" x2="${WIDTH - MARGIN}" y2="${HEIGHT - MARGIN}" stroke="#999"/><line x1="${MARGIN}" y1="${MARGIN / 2}" x2="${MARGIN}" y2="${HEIGHT - MARGIN}" stroke="#999"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>${frame}${body}</svg>`;
}
