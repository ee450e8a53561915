/**
 * @module The subset of the OSV schema (1.6) the engine reads, and a cheap structural check
 * that turns untrusted JSON into a typed record or a reason it was rejected.
 */
import { err, ok, type Result } from '../result.ts';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  events: OsvEvent[];
}

export interface OsvSeverity {
  type: string;
  score: string;
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  severity?: OsvSeverity[];
  database_specific?: Record<string, unknown>;
}

export interface OsvRecord {
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: Array<{ type: string; url: string }>;
  database_specific?: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Checks the fields matching relies on; anything else in the record is carried through untouched. */
export function validateOsvRecord(value: unknown): Result<OsvRecord, string> {
  if (!isObject(value)) return err('record is not a JSON object');
  if (typeof value.id !== 'string' || value.id === '') return err('missing "id"');
  if (typeof value.modified !== 'string' || Number.isNaN(Date.parse(value.modified))) {
    return err(`${value.id}: missing or invalid "modified"`);
  }
  if (value.aliases !== undefined && !isStringArray(value.aliases))
    return err(`${value.id}: "aliases" is not a list of strings`);
  if (value.withdrawn !== undefined && typeof value.withdrawn !== 'string')
    return err(`${value.id}: "withdrawn" is not a string`);
  if (value.affected !== undefined) {
    if (!Array.isArray(value.affected)) return err(`${value.id}: "affected" is not a list`);
    for (const affected of value.affected) {
      if (!isObject(affected)) return err(`${value.id}: an "affected" entry is not an object`);
      const pkg = affected.package;
      if (
        pkg !== undefined &&
        (!isObject(pkg) || typeof pkg.ecosystem !== 'string' || typeof pkg.name !== 'string')
      ) {
        return err(`${value.id}: "affected.package" needs "ecosystem" and "name"`);
      }
      if (affected.versions !== undefined && !isStringArray(affected.versions))
        return err(`${value.id}: "affected.versions" is not a list of strings`);
      if (affected.ranges !== undefined) {
        if (!Array.isArray(affected.ranges))
          return err(`${value.id}: "affected.ranges" is not a list`);
        for (const range of affected.ranges) {
          if (
            !isObject(range) ||
            typeof range.type !== 'string' ||
            !Array.isArray(range.events) ||
            !range.events.every(isObject)
          ) {
            return err(`${value.id}: a range needs "type" and a list of "events"`);
          }
        }
      }
    }
  }
  return ok(value as unknown as OsvRecord);
}
