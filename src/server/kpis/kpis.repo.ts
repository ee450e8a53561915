/** @module Reading KPIs: rows to API shapes with the latest reading and whether it is on target. */
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { periodLabel, type Kpi, type Reading } from '../../shared/kpis.ts';
import type { Db } from '../db/database.ts';
import { kpiReadings, kpis } from '../db/schema.ts';

export type KpiRow = typeof kpis.$inferSelect;
export type ReadingRow = typeof kpiReadings.$inferSelect;

export function presentReading(row: ReadingRow, kpi: KpiRow): Reading {
  return {
    id: row.id,
    kpiId: row.kpiId,
    periodStart: row.periodStart,
    period: periodLabel(row.periodStart, kpi.cadence),
    value: row.value,
    note: row.note,
    source: row.source,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const isOnTarget = (kpi: Pick<KpiRow, 'direction' | 'target'>, value: number) =>
  kpi.direction === 'higher' ? value >= kpi.target : value <= kpi.target;

/** `readings` newest first. */
export function presentKpi(row: KpiRow, readings: ReadingRow[]): Kpi {
  const [latest, previous] = readings;
  const improving =
    latest && previous
      ? row.direction === 'higher'
        ? latest.value > previous.value
        : latest.value < previous.value
      : null;
  return {
    id: row.id,
    clientId: row.clientId,
    name: row.name,
    unit: row.unit,
    direction: row.direction,
    target: row.target,
    cadence: row.cadence,
    description: row.description,
    latest: latest ? presentReading(latest, row) : null,
    previous: previous ? presentReading(previous, row) : null,
    state: !latest ? 'no-data' : isOnTarget(row, latest.value) ? 'on-target' : 'off-target',
    improving: latest && previous && latest.value === previous.value ? false : improving,
  };
}

export async function clientKpiRows(db: Db, clientIds: string[]) {
  if (clientIds.length === 0) return [];
  return db.select().from(kpis).where(inArray(kpis.clientId, clientIds)).orderBy(asc(kpis.name));
}

export async function findKpiRow(db: Db, clientId: string, kpiId: string) {
  const [row] = await db
    .select()
    .from(kpis)
    .where(and(eq(kpis.clientId, clientId), eq(kpis.id, kpiId)));
  return row;
}

/** Newest first, for these KPIs. */
export async function readingsOf(db: Db, kpiIds: string[]) {
  if (kpiIds.length === 0) return new Map<string, ReadingRow[]>();
  const rows = await db
    .select()
    .from(kpiReadings)
    .where(inArray(kpiReadings.kpiId, kpiIds))
    .orderBy(desc(kpiReadings.periodStart));
  const map = new Map<string, ReadingRow[]>();
  for (const row of rows) map.set(row.kpiId, [...(map.get(row.kpiId) ?? []), row]);
  return map;
}

/** The newest `count` readings of each of these KPIs, newest first: one query, not every reading. */
export async function latestReadingsOf(db: Db, kpiIds: string[], count = 2) {
  const map = new Map<string, ReadingRow[]>();
  if (kpiIds.length === 0) return map;
  const ranked = db
    .select({
      id: kpiReadings.id,
      rank: sql<number>`row_number() over (partition by ${kpiReadings.kpiId} order by ${kpiReadings.periodStart} desc)`.as(
        'rank',
      ),
    })
    .from(kpiReadings)
    .where(inArray(kpiReadings.kpiId, kpiIds))
    .as('ranked');
  const rows = await db
    .select({ reading: kpiReadings })
    .from(kpiReadings)
    .innerJoin(ranked, eq(ranked.id, kpiReadings.id))
    .where(lte(ranked.rank, count))
    .orderBy(desc(kpiReadings.periodStart));
  for (const { reading } of rows)
    map.set(reading.kpiId, [...(map.get(reading.kpiId) ?? []), reading]);
  return map;
}

/** Every KPI of these clients, presented with its latest two readings. */
export async function presentClientKpis(db: Db, clientIds: string[]) {
  const rows = await clientKpiRows(db, clientIds);
  const readings = await latestReadingsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ row: r, kpi: presentKpi(r, readings.get(r.id) ?? []) }));
}
