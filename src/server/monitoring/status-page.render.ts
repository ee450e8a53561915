/**
 * @module The public status page as one small HTML document: no script, inline CSS, every value
 * escaped. Times are written in UTC so the page reads the same for every visitor and caches. Each
 * day's bar is coloured by its uptime outside maintenance, blue for maintenance (`color`), and
 * its tooltip says when maintenance was left out.
 */
import type { PublicStatus } from '../../shared/status-pages.ts';
import { escapeHtml as esc } from '../../shared/escape-html.ts';

const words: Record<string, string> = {
  operational: 'Operational',
  degraded: 'Degraded',
  outage: 'Outage',
  maintenance: 'Under maintenance',
  unknown: 'No data yet',
};
const headline: Record<string, string> = {
  operational: 'All systems operational',
  degraded: 'Some systems degraded',
  outage: 'Some systems are down',
  maintenance: 'Maintenance in progress',
  unknown: 'Waiting for the first checks',
};

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const pct = (share: number | null) =>
  share === null ? 'no data' : `${(Math.floor(share * 10_000) / 100).toFixed(2)} %`;
type Day = PublicStatus['components'][number]['days'][number];

/**
 * A day's bar: red or amber when the checks outside maintenance fell short (maintenance never
 * hides an outage), else blue when maintenance was left out of it (including a day spent wholly
 * in maintenance), else green; grey with no data.
 */
function color(d: Day): string {
  if (d.uptime === null) return d.maintenance ? '#1e88e5' : '#d0d4d9';
  if (d.uptime < 0.95) return '#c62828';
  if (d.uptime < 0.999) return '#f9a825';
  return d.maintenance ? '#1e88e5' : '#2e7d32';
}

function label(d: Day): string {
  if (!d.maintenance) return `${d.date}: ${pct(d.uptime)}`;
  if (d.uptime === null) return `${d.date}: maintenance, no checks outside it`;
  return `${d.date}: ${pct(d.uptime)} outside maintenance (checks during maintenance not counted)`;
}

function bars(c: PublicStatus['components'][number]): string {
  const rects = c.days
    .map(
      (d, i) =>
        `<rect x="${i * 4}" y="0" width="3" height="28" fill="${color(d)}"><title>${esc(label(d))}</title></rect>`,
    )
    .join('');
  return `<svg viewBox="0 0 360 28" preserveAspectRatio="none" role="img" aria-label="${esc(`Uptime per day over the last 90 days, maintenance not counted: ${pct(c.uptime90d)} overall`)}">${rects}</svg>`;
}

function incidentItem(i: PublicStatus['history'][number]): string {
  const span = i.resolvedAt
    ? `${when(i.openedAt)} – ${when(i.resolvedAt)}`
    : `since ${when(i.openedAt)}`;
  return `<li><strong>${esc(i.title)}</strong> <span class="muted">(${esc(i.components.join(', '))}; ${esc(span)})</span>${i.note ? `<p>${esc(i.note)}</p>` : ''}</li>`;
}

export function renderStatusPage(s: PublicStatus): string {
  const components = s.components
    .map(
      (c) =>
        `<li class="component"><div class="row"><h3>${esc(c.name)}</h3><span class="badge ${esc(c.status)}">${esc(words[c.status] ?? c.status)}</span></div>${bars(c)}<div class="row muted"><span>90 days ago</span><span>${c.uptime90d === null ? 'no data yet' : `${esc(pct(c.uptime90d))} uptime`}</span><span>Today</span></div></li>`,
    )
    .join('');
  const maintenance = s.maintenance
    .map(
      (m) =>
        `<li><strong>${esc(m.name)}</strong> ${m.isActive ? '<span class="badge maintenance">In progress</span>' : '<span class="badge">Scheduled</span>'} <span class="muted">${esc(when(m.start))} – ${esc(when(m.end))}; ${esc(m.components.join(', '))}</span></li>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(s.title)} status</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}ul{list-style:none;padding:0}h1{margin-bottom:.2rem}h3{margin:0;font-size:1rem}.summary{padding:.8rem 1rem;border-radius:6px;background:#e8f5e9;font-weight:600}.summary.outage{background:#fdecea}.summary.degraded{background:#fff8e1}.summary.maintenance{background:#e3f2fd}.summary.unknown{background:#eef0f2}.component{margin:1rem 0}.row{display:flex;justify-content:space-between;align-items:center}.muted{color:#57606a;font-size:.9em}.badge{font-size:.85em;padding:.1rem .5rem;border-radius:4px;background:#eef0f2}.badge.operational{background:#e8f5e9;color:#1b5e20}.badge.outage{background:#fdecea;color:#8e1b1b}.badge.degraded{background:#fff8e1;color:#6d4c00}.badge.maintenance{background:#e3f2fd;color:#0d47a1}svg{width:100%;height:28px;display:block;margin:.3rem 0}li p{margin:.2rem 0 0}footer{margin-top:2rem}</style></head>
<body><main><h1>${esc(s.title)}</h1>${s.description ? `<p>${esc(s.description)}</p>` : ''}
<p class="summary ${esc(s.status)}" role="status">${esc(headline[s.status] ?? s.status)}</p>
${s.openIncidents.length ? `<section aria-labelledby="open"><h2 id="open">Open incidents</h2><ul>${s.openIncidents.map(incidentItem).join('')}</ul></section>` : ''}
${s.maintenance.length ? `<section aria-labelledby="maint"><h2 id="maint">Maintenance</h2><ul>${maintenance}</ul></section>` : ''}
<section aria-labelledby="comp"><h2 id="comp">Components</h2><ul>${components || '<li class="muted">Nothing to show yet.</li>'}</ul></section>
<section aria-labelledby="hist"><h2 id="hist">Past incidents (90 days)</h2>${s.history.length ? `<ul>${s.history.map(incidentItem).join('')}</ul>` : '<p class="muted">No incidents in the last 90 days.</p>'}</section>
<footer class="muted">Updated ${esc(when(s.generatedAt))}.</footer></main></body></html>`;
}

export function renderStatusNotFound(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><main><h1>No status page here</h1><p>Check the address.</p></main></body></html>`;
}
