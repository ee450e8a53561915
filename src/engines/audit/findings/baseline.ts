/**
 * @module `--baseline FILE`: a previous JSON report (or `{ "fingerprints": [...] }`) whose
 * findings are accepted; matching findings are marked `baselined` and leave the new-findings count.
 */
import { readFile } from 'node:fs/promises';
import { err, messageOf, ok, type Result } from '../result.ts';

export async function loadBaseline(file: string): Promise<Result<Set<string>>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return err(`cannot read baseline ${file}: ${messageOf(error)}`);
  }
  const record = raw as { findings?: { fingerprint?: unknown }[]; fingerprints?: unknown[] } | null;
  const list = Array.isArray(record?.fingerprints)
    ? record.fingerprints
    : Array.isArray(record?.findings)
      ? record.findings.map((finding) => finding.fingerprint)
      : null;
  if (!list)
    return err(`baseline ${file}: expected a keel audit JSON report or { "fingerprints": [...] }`);
  return ok(new Set(list.filter((value): value is string => typeof value === 'string')));
}
