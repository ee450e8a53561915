/**
 * @module Baseline files: fingerprints of accepted findings. A keel JSON report works as a
 * baseline too, so "accept everything found today" is one command.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Finding, Result } from './types.ts';
import { err, ok } from './types.ts';

export interface BaselineFile {
  version: 1;
  tool: 'keel-secrets';
  fingerprints: string[];
}

const MAX_BASELINE_BYTES = 32 * 1024 * 1024;
const FINGERPRINT = /^[0-9a-f]{32}$/;

function fingerprintsOf(doc: unknown): string[] | undefined {
  if (Array.isArray(doc)) return doc.every((v) => typeof v === 'string') ? doc : undefined;
  if (typeof doc !== 'object' || doc === null) return undefined;
  const record = doc as Record<string, unknown>;
  if (Array.isArray(record.fingerprints)) return fingerprintsOf(record.fingerprints);
  if (Array.isArray(record.findings)) {
    const list = record.findings.map((f: unknown) =>
      typeof f === 'object' && f !== null ? (f as Record<string, unknown>).fingerprint : undefined,
    );
    return list.every((v) => typeof v === 'string') ? list : undefined;
  }
  return undefined;
}

/** Reads a baseline; a missing or malformed file is an error naming the file. */
export async function readBaseline(file: string): Promise<Result<Set<string>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return err(`baseline ${file}: cannot read the file`);
  }
  if (text.length > MAX_BASELINE_BYTES) return err(`baseline ${file}: file is too large`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return err(
      // V8 quotes an excerpt of the text ("…" is not valid JSON): the file may not be a baseline.
      `baseline ${file}: invalid JSON (${(error instanceof Error ? error.message : String(error)).replace(/, ".*" is not valid JSON$/s, '')})`,
    );
  }
  const list = fingerprintsOf(doc);
  if (!list)
    return err(`baseline ${file}: expected {"fingerprints": [...]} or a keel secrets JSON report`);
  const bad = list.find((fp) => !FINGERPRINT.test(fp));
  if (bad !== undefined)
    return err(`baseline ${file}: ${JSON.stringify(bad.slice(0, 40))} is not a keel fingerprint`);
  return ok(new Set(list));
}

export function buildBaseline(findings: Finding[]): BaselineFile {
  return {
    version: 1,
    tool: 'keel-secrets',
    fingerprints: [...new Set(findings.map((f) => f.fingerprint))].sort(),
  };
}

export async function writeBaseline(file: string, findings: Finding[]): Promise<void> {
  await writeFile(file, JSON.stringify(buildBaseline(findings), null, 2) + '\n');
}
