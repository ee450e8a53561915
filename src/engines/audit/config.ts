/**
 * @module Audit configuration: defaults (each documented in README.md with its reason) and the
 * `keel.audit.json` / `--config` file that overrides them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { err, messageOf, ok, type Result } from './result.ts';

/** A history window: a positive number and d, w, m or y (`0m` would leave no history at all). */
export const WINDOW_PATTERN = /^[1-9]\d*[dwmy]$/;
export const WINDOW_HINT = 'use a positive number and d, w, m or y, e.g. 12m';

const riskSchema = z.enum(['critical', 'high', 'medium', 'low']);
const levelSchema = z.enum(['bronze', 'silver', 'gold']);

export const auditConfigSchema = z
  .object({
    since: z.string().regex(WINDOW_PATTERN, WINDOW_HINT).default('12m'),
    exclude: z.array(z.string()).default([]),
    riskWeights: z
      .object({
        critical: z.number().min(0),
        high: z.number().min(0),
        medium: z.number().min(0),
        low: z.number().min(0),
      })
      .default({ critical: 10, high: 7.5, medium: 5, low: 2.5 }),
    checks: z
      .record(
        z.string(),
        z
          .object({
            enabled: z.boolean().optional(),
            risk: riskSchema.optional(),
            weight: z.number().min(0).optional(),
            level: levelSchema.optional(),
          })
          .strict(),
      )
      .default({}),
    passScore: z.number().min(0).max(10).default(7),
    thresholds: z
      .object({
        cyclomatic: z.number().int().positive().default(10),
        cognitive: z.number().int().positive().default(15),
        nesting: z.number().int().positive().default(4),
        duplicationPercent: z.number().min(0).max(100).default(5),
        maxFileBytes: z
          .number()
          .int()
          .positive()
          .default(1024 * 1024),
        testRatio: z.number().min(0).default(0.5),
      })
      .strict()
      .default({
        cyclomatic: 10,
        cognitive: 15,
        nesting: 4,
        duplicationPercent: 5,
        maxFileBytes: 1024 * 1024,
        testRatio: 0.5,
      }),
    coupling: z
      .object({
        minRevisions: z.number().int().positive().default(5),
        minSharedRevisions: z.number().int().positive().default(3),
        minDegree: z.number().min(0).max(100).default(30),
        maxChangesetSize: z.number().int().positive().default(30),
        maxPairs: z.number().int().positive().default(200_000),
      })
      .strict()
      .default({
        minRevisions: 5,
        minSharedRevisions: 3,
        minDegree: 30,
        maxChangesetSize: 30,
        maxPairs: 200_000,
      }),
    hotspots: z
      .object({ top: z.number().int().positive().default(20) })
      .strict()
      .default({ top: 20 }),
    // jscpd holds every token in memory (about 35 bytes per byte of source, measured); `auto` uses it
    // up to jscpdMaxBytes of counted source and the built-in detector above, keeping an audit under 1 GB.
    duplication: z
      .object({
        detector: z.enum(['auto', 'jscpd', 'builtin', 'off']).default('auto'),
        jscpdMaxBytes: z
          .number()
          .int()
          .positive()
          .default(24 * 1024 * 1024),
      })
      .strict()
      .default({ detector: 'auto', jscpdMaxBytes: 24 * 1024 * 1024 }),
  })
  .strict();

export type AuditConfig = z.infer<typeof auditConfigSchema>;

export const CONFIG_FILE_NAME = 'keel.audit.json';

export function defaultConfig(): AuditConfig {
  return auditConfigSchema.parse({});
}

/** Parses a config object, listing every problem with its path. */
export function parseConfig(raw: unknown, source: string): Result<AuditConfig> {
  const parsed = auditConfigSchema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  return err(`${source}: invalid audit config: ${problems.join('; ')}`);
}

/**
 * Loads `--config FILE` when given, else `keel.audit.json` at the audited root, else the defaults.
 * A missing explicit file is an error; a missing default file is not.
 */
export async function loadConfig(
  root: string,
  explicitFile?: string,
): Promise<Result<{ config: AuditConfig; source: string | null }>> {
  const file = explicitFile ?? join(root, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!explicitFile && (error as NodeJS.ErrnoException).code === 'ENOENT')
      return ok({ config: defaultConfig(), source: null });
    return err(`cannot read config ${file}: ${messageOf(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return err(`${file}: not valid JSON: ${messageOf(error)}`);
  }
  const parsed = parseConfig(raw, file);
  return parsed.ok ? ok({ config: parsed.value, source: file }) : parsed;
}

/** Converts `12m`, `26w`, `90d`, `2y` to a start time in epoch seconds. */
export function windowStartFor(since: string, now: number = Date.now()): number {
  const match = /^(\d+)([dwmy])$/.exec(since);
  const count = Number(match?.[1] ?? 12);
  const days = { d: 1, w: 7, m: 30.4375, y: 365.25 }[(match?.[2] ?? 'm') as 'd' | 'w' | 'm' | 'y'];
  return Math.floor(now / 1000 - count * days * 86_400);
}
