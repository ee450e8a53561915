/**
 * @module CVSS v3.0 / v3.1 base score from a vector, with the formula and the Roundup function
 * of the FIRST specification (v3.1 section 7.4 and Appendix A). Temporal and environmental
 * metrics are ignored: advisories publish base vectors.
 */
const weights = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

/** v3.1 Roundup: avoids floating-point surprises such as 4.000000000000001 -> 4.1. */
function roundUp31(value: number): number {
  const integer = Math.round(value * 100_000);
  return integer % 10_000 === 0 ? integer / 100_000 : (Math.floor(integer / 10_000) + 1) / 10;
}

const roundUp30 = (value: number): number => Math.ceil(value * 10) / 10;

function pick<T extends Record<string, number>>(table: T, key: string | undefined): number | null {
  return key !== undefined && key in table ? table[key as keyof T]! : null;
}

/** The base score, or null when the vector is not a complete CVSS v3 base vector. */
export function cvss3BaseScore(vector: string): number | null {
  const match = /^CVSS:3\.([01])\/(.+)$/.exec(vector.trim());
  if (!match) return null;
  const metrics = new Map<string, string>();
  for (const part of match[2]!.split('/')) {
    const [key, value] = part.split(':');
    if (!key || value === undefined || metrics.has(key)) return null;
    metrics.set(key, value);
  }
  const scope = metrics.get('S');
  if (scope !== 'U' && scope !== 'C') return null;
  const av = pick(weights.AV, metrics.get('AV'));
  const ac = pick(weights.AC, metrics.get('AC'));
  const ui = pick(weights.UI, metrics.get('UI'));
  const c = pick(weights.CIA, metrics.get('C'));
  const i = pick(weights.CIA, metrics.get('I'));
  const a = pick(weights.CIA, metrics.get('A'));
  const pr = pick(
    scope === 'C' ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 },
    metrics.get('PR'),
  );
  if (
    av === null ||
    ac === null ||
    ui === null ||
    c === null ||
    i === null ||
    a === null ||
    pr === null
  )
    return null;

  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  const roundUp = match[1] === '1' ? roundUp31 : roundUp30;
  const raw = scope === 'U' ? impact + exploitability : 1.08 * (impact + exploitability);
  return roundUp(Math.min(raw, 10));
}
