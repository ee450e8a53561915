/**
 * @module RubyGems version order, after `Gem::Version#<=>`: segments split on dots and at
 * letter/digit boundaries, trailing zeros dropped, a letter segment (a pre-release) sorts below
 * any number, a missing segment counts as 0.
 */
type Segment = number | string;

function segments(version: string): Segment[] | null {
  // Bundler writes platform gems as `1.13.10-x86_64-linux`; the platform is not part of the version.
  const trimmed = version.trim();
  if (!/^[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-.]+)?$/.test(trimmed)) return null;
  const parts = trimmed.replace(/-/g, '.pre.').match(/[0-9]+|[a-z]+/gi) ?? [];
  const out: Segment[] = parts.map((p) => (/^[0-9]+$/.test(p) ? Number(p) : p));
  // Ruby's canonical_segments drops trailing zeros from the release part and from the end.
  const firstString = out.findIndex((s) => typeof s === 'string');
  const release = firstString === -1 ? out : out.slice(0, firstString);
  const pre = firstString === -1 ? [] : out.slice(firstString);
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  while (pre.length > 0 && pre[pre.length - 1] === 0) pre.pop();
  return [...release, ...pre];
}

export function compareRubyGems(a: string, b: string): number | null {
  const left = segments(a);
  const right = segments(b);
  if (!left || !right) return null;
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const l = left[i] ?? 0;
    const r = right[i] ?? 0;
    if (l === r) continue;
    if (typeof l === 'string' && typeof r === 'number') return -1;
    if (typeof l === 'number' && typeof r === 'string') return 1;
    if (typeof l === 'number' && typeof r === 'number') return l < r ? -1 : 1;
    return l < r ? -1 : 1;
  }
  return 0;
}
