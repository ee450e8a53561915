/**
 * @module Import a repository's ADR folder into a client's decisions, and export them back as
 * MADR 4 files. Files are matched by number (else by path), so a re-import updates rather than
 * duplicates; each file gets its own line in the report; malformed files are reported with their
 * line and the rest still imports, all in one transaction.
 */
import { isDeepStrictEqual } from 'node:util';
import { eq } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { adrFileName, exportAdr, parseAdrFiles, referenceNumber } from '../../engines/adr/index.ts';
import type { Adr, AdrFile } from '../../engines/adr/types.ts';
import { decisionKey, type DecisionImportReport } from '../../shared/decisions.ts';
import type { Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import type { Db } from '../db/database.ts';
import { decisions } from '../db/schema.ts';
import { clientDecisionRows, type DecisionRow } from './decisions.repo.ts';
import { makesCycle } from './decisions.service.ts';

type FileReport = DecisionImportReport['files'][number];

/** A link to another decision, written the way MADR's own examples write it. */
const linkTo = (row: Pick<DecisionRow, 'number' | 'title'>) =>
  `[${decisionKey(row.number)}](${adrFileName({ number: row.number, title: row.title })})`;

export async function importDecisions(options: {
  db: Db;
  /** Who imports: a person through the API, or a label such as `cli`. */
  actor: Principal | string;
  clientId: string;
  files: AdrFile[];
}): Promise<DecisionImportReport> {
  const { db, actor, clientId, files } = options;
  const folder = parseAdrFiles(files);
  const reports: FileReport[] = [
    ...folder.failed.map((f) => ({
      path: f.path,
      outcome: 'failed' as const,
      number: null,
      decisionId: null,
      line: f.line,
      message: `${f.path}, line ${f.line}: ${f.message}`,
      warnings: [],
    })),
    ...folder.skipped.map((path) => ({
      path,
      outcome: 'skipped' as const,
      number: null,
      decisionId: null,
      line: null,
      message: 'not a decision record (README, index, template or not Markdown)',
      warnings: [],
    })),
  ];

  await db.transaction(async (tx) => {
    const all = await clientDecisionRows(tx, clientId);
    const byNumber = new Map(all.map((r) => [r.number, r]));
    const byPath = new Map(all.filter((r) => r.sourcePath).map((r) => [r.sourcePath!, r]));
    let next = all.reduce((m, r) => Math.max(m, r.number), 0) + 1;
    for (const p of folder.parsed) if (p.adr.number) next = Math.max(next, p.adr.number + 1);
    const claimed = new Map<number, string>();
    const incoming: { path: string; adr: Adr; report: FileReport }[] = [];

    for (const parsed of folder.parsed) {
      const number = parsed.adr.number ?? byPath.get(parsed.path)?.number ?? next++;
      const report: FileReport = {
        path: parsed.path,
        outcome: 'imported',
        number,
        decisionId: null,
        line: null,
        message: null,
        warnings: parsed.warnings.map((w) => `line ${w.line}: ${w.message}`),
      };
      reports.push(report);
      const other = claimed.get(number);
      if (other) {
        Object.assign(report, {
          outcome: 'failed',
          line: 1,
          message: `${parsed.path}: ${decisionKey(number)} is also the number of ${other} in this import; renumber one of them`,
        });
        continue;
      }
      claimed.set(number, parsed.path);
      incoming.push({ path: parsed.path, adr: { ...parsed.adr, number }, report });
    }

    // Links between decisions live in a column; the record keeps only references Keel cannot resolve.
    const known = new Set([...byNumber.keys(), ...claimed.keys()]);
    const links: { from: number; to: number; path: string; report: FileReport }[] = [];
    for (const item of incoming) {
      const { adr } = item;
      const to = adr.supersededBy ? referenceNumber(adr.supersededBy) : null;
      if (to !== null && known.has(to) && to !== adr.number) {
        links.push({ from: adr.number!, to, path: item.path, report: item.report });
        adr.supersededBy = null;
      }
      adr.supersedes = adr.supersedes.filter((ref) => {
        const from = referenceNumber(ref);
        if (from === null || !known.has(from) || from === adr.number) return true;
        links.push({ from, to: adr.number!, path: item.path, report: item.report });
        return false;
      });
    }

    for (const item of incoming) {
      const { adr, report } = item;
      const existing = byNumber.get(adr.number!) ?? byPath.get(item.path);
      if (existing) {
        report.decisionId = existing.id;
        const same = isDeepStrictEqual(existing.record, adr) && existing.sourcePath === item.path;
        report.outcome = same ? 'unchanged' : 'updated';
        if (same) continue;
        const [row] = await tx
          .update(decisions)
          .set({
            number: adr.number!,
            title: adr.title,
            status: adr.status,
            date: adr.date,
            record: adr,
            sourcePath: item.path,
            updatedAt: new Date(),
          })
          .where(eq(decisions.id, existing.id))
          .returning();
        byNumber.set(row!.number, row!);
      } else {
        const [row] = await tx
          .insert(decisions)
          .values({
            clientId,
            number: adr.number!,
            title: adr.title,
            status: adr.status,
            date: adr.date,
            record: adr,
            sourcePath: item.path,
          })
          .returning();
        report.decisionId = row!.id;
        byNumber.set(row!.number, row!);
      }
    }

    const rows = [...byNumber.values()];
    for (const link of links) {
      const from = byNumber.get(link.from)!;
      const to = byNumber.get(link.to)!;
      if (from.supersededById === to.id) continue;
      if (from.supersededById && from.supersededById !== to.id) {
        link.report.warnings.push(
          `${decisionKey(from.number)} is already superseded by another decision; the link to ${decisionKey(to.number)} was not changed`,
        );
        continue;
      }
      if (makesCycle(rows, from.id, to.id)) {
        link.report.warnings.push(
          `${decisionKey(from.number)} superseded by ${decisionKey(to.number)} would make a cycle; link left out`,
        );
        continue;
      }
      from.supersededById = to.id;
      const record = { ...from.record, status: 'superseded' as const };
      await tx
        .update(decisions)
        .set({ supersededById: to.id, status: 'superseded', record, updatedAt: new Date() })
        .where(eq(decisions.id, from.id));
      from.record = record;
      if (link.report.outcome === 'unchanged' && link.report.number === from.number)
        link.report.outcome = 'updated';
    }
  });

  const counts = { imported: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 };
  for (const r of reports) counts[r.outcome] += 1;
  await recordAudit(db, {
    action: 'decisions.imported',
    ...(typeof actor === 'string' ? { actorLabel: actor } : { actor }),
    targetType: 'client',
    targetId: clientId,
    clientId,
    details: counts,
  });
  reports.sort((a, b) => a.path.localeCompare(b.path));
  return { files: reports, counts };
}

/** The record as it will be written: links from the columns, in both directions. */
export function recordForExport(row: DecisionRow, all: DecisionRow[]): Adr {
  const record: Adr = structuredClone({
    ...row.record,
    number: row.number,
    title: row.title,
    status: row.status,
  });
  const next = all.find((r) => r.id === row.supersededById);
  if (next) record.supersededBy = linkTo(next);
  const previous = all.filter((r) => r.supersededById === row.id).map(linkTo);
  record.supersedes = [...previous, ...record.supersedes];
  return record;
}

export async function exportDecisions(db: Db, clientId: string) {
  const all = await clientDecisionRows(db, clientId);
  return all.map((row) => exportAdr(recordForExport(row, all)));
}

/** A fixed time for every entry, so the same decisions always give the same bytes. */
const zipTime = new Date('2000-01-01T00:00:00Z');

/**
 * Every decision as one zip of MADR files named as `keel decisions export` names them
 * (`NNNN-title-slug.md`, at the top of the archive), ready to unpack into `docs/decisions/`.
 */
export async function exportDecisionsZip(db: Db, clientId: string): Promise<Uint8Array> {
  const files = await exportDecisions(db, clientId);
  return zipSync(Object.fromEntries(files.map((f) => [f.fileName, strToU8(f.content)])), {
    level: 6,
    mtime: zipTime,
  });
}
