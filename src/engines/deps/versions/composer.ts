/**
 * @module Composer (Packagist) version order: Composer normalises a leading `v` away and then
 * compares with PHP's `version_compare`, whose special words order as
 * dev < alpha = a < beta = b < RC = rc < (number) < patch = pl = p.
 */
const special: Record<string, number> = {
  dev: 0,
  alpha: 1,
  a: 1,
  beta: 2,
  b: 2,
  rc: 3,
  '#': 4,
  pl: 5,
  p: 5,
  patch: 5,
};

function canonical(version: string): string[] | null {
  let v = version.trim().replace(/^v/i, '');
  if (v === '' || /^dev-/i.test(v) || /\.x-dev$/i.test(v)) return null; // branch aliases have no order
  v = v
    .replace(/[-_+]/g, '.')
    .replace(/([^.\d])(\d)/g, '$1.$2')
    .replace(/(\d)([^.\d])/g, '$1.$2');
  const parts = v.split('.').filter((part) => part !== '');
  // Composer normalises the release to four numbers (1.2 -> 1.2.0.0) before comparing.
  let release = 0;
  while (release < parts.length && /^\d+$/.test(parts[release]!)) release++;
  if (release === 0) return null;
  while (release < 4) parts.splice(release++, 0, '0');
  return parts;
}

function rank(part: string): number {
  if (/^\d+$/.test(part)) return special['#']!;
  return special[part.toLowerCase()] ?? -1;
}

export function compareComposer(a: string, b: string): number | null {
  const left = canonical(a);
  const right = canonical(b);
  if (!left || !right) return null;
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const l = left[i];
    const r = right[i];
    // PHP: a missing part vs a number means the longer is newer; vs a word it compares with '#'.
    if (l === undefined) return r !== undefined && rank(r) < special['#']! ? 1 : -1;
    if (r === undefined) return rank(l) < special['#']! ? -1 : 1;
    const isNumL = /^\d+$/.test(l);
    const isNumR = /^\d+$/.test(r);
    if (isNumL && isNumR) {
      const diff = Number(l) - Number(r);
      if (diff !== 0) return diff < 0 ? -1 : 1;
      continue;
    }
    const diff = rank(l) - rank(r);
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return 0;
}
