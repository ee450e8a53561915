/**
 * @module Bench data: N clients with a year of practice data each (a retainer, a milestone a
 * week, risks, a time entry a working day, five KPIs read weekly, thirty decisions, twenty
 * questions for the founder) and twenty leads. Shared by the practice benches.
 */
import { addDays, todayUtc } from '../../src/shared/dates.ts';
import type { Db } from '../../src/server/db/database.ts';
import {
  clients,
  decisions,
  decisionsNeeded,
  kpiReadings,
  kpis,
  engagements,
  leads,
  milestones,
  risks,
  timeEntries,
} from '../../src/server/db/schema.ts';
import { emptyAdr } from '../../src/engines/adr/types.ts';

/** Seeds `clientCount` clients; returns their ids. `onClient` runs after each (memory sampling). */
export async function seedPracticeYear(
  db: Db,
  clientCount: number,
  onClient?: () => void,
): Promise<string[]> {
  const today = todayUtc();
  const yearAgo = addDays(today, -365);
  const ids: string[] = [];
  for (let c = 0; c < clientCount; c++) {
    const [client] = await db
      .insert(clients)
      .values({ name: `Client ${c}`, stage: 'seed' })
      .returning();
    ids.push(client!.id);
    const [retainer] = await db
      .insert(engagements)
      .values({
        clientId: client!.id,
        kind: 'retainer',
        title: 'Retainer',
        status: 'active',
        startDate: yearAgo,
        currency: 'EUR',
        monthlyFee: 1500,
        hoursPerMonth: 20,
      })
      .returning();
    // A milestone a week for a year, most done, some late, a few open.
    await db.insert(milestones).values(
      Array.from({ length: 52 }, (_, w) => {
        const due = addDays(yearAgo, w * 7 + 7);
        const isDone = due < addDays(today, -14) || w % 9 === 0;
        const status: 'done' | 'planned' = isDone ? 'done' : 'planned';
        return {
          clientId: client!.id,
          title: `Milestone ${w}`,
          dueDate: due,
          plannedDate: due,
          status,
          doneDate: isDone ? (addDays(due, w % 4) > today ? today : addDays(due, w % 4)) : null,
          acceptance: [{ text: 'It works for a real user', met: isDone }],
        };
      }),
    );
    await db.insert(risks).values(
      Array.from({ length: 8 }, (_, r) => ({
        clientId: client!.id,
        description: `Risk ${r}`,
        likelihood: 'medium' as const,
        impact: r % 2 ? ('high' as const) : ('low' as const),
        mitigation: 'We watch it',
      })),
    );
    // About 250 working days of one entry each.
    await db.insert(timeEntries).values(
      Array.from({ length: 250 }, (_, d) => ({
        clientId: client!.id,
        engagementId: retainer!.id,
        date: addDays(yearAgo, Math.floor((d * 365) / 250)),
        minutes: 45,
        note: 'Work',
      })),
    );
    // Five KPIs, a reading every week for a year.
    const kpiRows = await db
      .insert(kpis)
      .values(
        Array.from({ length: 5 }, (_, k) => ({
          clientId: client!.id,
          name: `KPI ${k}`,
          unit: k % 2 ? '%' : 'users',
          direction: k === 3 ? ('lower' as const) : ('higher' as const),
          target: 100,
          cadence: 'weekly' as const,
        })),
      )
      .returning();
    await db.insert(kpiReadings).values(
      kpiRows.flatMap((kpi, k) =>
        Array.from({ length: 52 }, (_, w) => ({
          kpiId: kpi.id,
          clientId: client!.id,
          periodStart: addDays(yearAgo, w * 7),
          value: 50 + w + k * 3,
        })),
      ),
    );
    // Thirty decision records and twenty questions for the founder over the year.
    await db.insert(decisions).values(
      Array.from({ length: 30 }, (_, n) => ({
        clientId: client!.id,
        number: n + 1,
        title: `Decision ${n + 1}`,
        status: 'accepted' as const,
        date: addDays(yearAgo, n * 12),
        record: { ...emptyAdr(`Decision ${n + 1}`), number: n + 1 },
      })),
    );
    await db.insert(decisionsNeeded).values(
      Array.from({ length: 20 }, (_, q) => ({
        clientId: client!.id,
        question: `Question ${q}?`,
        options: ['Yes', 'No'],
        recommendation: 'Yes',
        dueDate: addDays(yearAgo, q * 19),
        state: q < 17 ? ('answered' as const) : ('open' as const),
        answer: q < 17 ? 'Yes' : null,
      })),
    );
    onClient?.();
  }
  await db.insert(leads).values(
    Array.from({ length: 20 }, (_, i) => ({
      name: `Lead ${i}`,
      email: `l${i}@x.test`,
      company: `Lead Co ${i}`,
      stage: 'idea' as const,
      blocker: 'x',
      ip: '192.0.2.1',
    })),
  );
  return ids;
}
