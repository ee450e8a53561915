/**
 * @module What the demo clients have been through: an engagement, a scoping record, milestones
 * (done, late, due), KPIs read weekly, decisions, a question for the founder, proposed features
 * and the hours logged — dated relative to today, so the portfolio, the client pages and the
 * weekly report have something true-looking to say the moment the demo loads. Nothing here makes
 * a network call: the demo has no monitors or repositories, since those would reach out to
 * hosts that do not exist.
 */
import { emptyAdr, type Adr } from '../../engines/adr/types.ts';
import { addDays, todayUtc } from '../../shared/dates.ts';
import { periodStart } from '../../shared/kpis.ts';
import type { Db } from '../db/database.ts';
import {
  decisions,
  decisionsNeeded,
  engagements,
  features,
  kpiReadings,
  kpis,
  milestones,
  risks,
  scopings,
  timeEntries,
  userPaths,
} from '../db/schema.ts';

type Level = 'low' | 'medium' | 'high';

interface StoryKpi {
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  target: number;
  /** Weekly readings, oldest first; the last one is this week's. */
  readings: number[];
}

interface StoryMilestone {
  title: string;
  acceptance: string[];
  /** Due date, in days from today (negative: in the past). */
  due: number;
  /** The due date was moved this many days later than first planned; absent: never moved. */
  movedBy?: number;
  /** Done this many days after the due date (negative: early); absent: not done. */
  doneLate?: number;
  inProgress?: boolean;
  pricePercent?: number;
  /** Indexes into the story's user paths and KPIs. */
  paths?: number[];
  kpis?: number[];
}

interface StoryDecision {
  title: string;
  status: 'proposed' | 'accepted';
  /** Days ago. */
  age: number;
  summary: string;
  context: string;
  drivers: string[];
  options: { title: string; good: string[]; bad: string[] }[];
  chosen: string;
  justification: string;
  good: string[];
  bad: string[];
}

export interface DemoStory {
  engagement:
    | { kind: 'retainer'; title: string; startedDaysAgo: number; fee: number; hours: number }
    | {
        kind: 'mvp-sprint';
        title: string;
        startedDaysAgo: number;
        weeks: number;
        min: number;
        max: number;
      };
  scoping: {
    summary: string;
    constraints: { kind: 'growth' | 'hiring' | 'compliance' | 'budget'; text: string }[];
  };
  paths: {
    who: string;
    goal: string;
    steps: string[];
    priority: 'must' | 'should' | 'could' | 'wont';
  }[];
  risks: { description: string; likelihood: Level; impact: Level; mitigation: string }[];
  milestones: StoryMilestone[];
  kpis: StoryKpi[];
  decisions: StoryDecision[];
  question: {
    question: string;
    context: string;
    options: string[];
    recommendation: string;
    reason: string;
    dueIn: number;
  };
  features: {
    title: string;
    kpi: number;
    effect: number;
    confidence: Level;
    effortDays: number;
    risk: Level;
    deps: number;
    cost: number;
  }[];
  /** Hours logged this month so far (spread over the working days before today). */
  hoursThisMonth: number;
}

function adr(d: StoryDecision, number: number, date: string): Adr {
  return {
    ...emptyAdr(d.title),
    number,
    status: d.status,
    date,
    decisionMakers: ['Fractional CTO', 'CEO'],
    summary: d.summary,
    context: d.context,
    decisionDrivers: d.drivers,
    options: d.options.map((o) => ({
      title: o.title,
      description: '',
      good: o.good,
      neutral: [],
      bad: o.bad,
    })),
    outcome: { chosenOption: d.chosen, justification: d.justification },
    consequences: { notes: '', good: d.good, neutral: [], bad: d.bad },
  };
}

/** Writes one client's story inside the caller's transaction. */
export async function writeDemoStory(tx: Db, clientId: string, story: DemoStory): Promise<void> {
  const today = todayUtc();
  const e = story.engagement;
  const start = addDays(today, -e.startedDaysAgo);
  const [engagement] = await tx
    .insert(engagements)
    .values(
      e.kind === 'retainer'
        ? {
            clientId,
            kind: e.kind,
            title: e.title,
            status: 'active',
            startDate: start,
            currency: 'EUR',
            monthlyFee: e.fee,
            hoursPerMonth: e.hours,
            terms: 'Monthly, cancellable with 30 days notice.',
          }
        : {
            clientId,
            kind: e.kind,
            title: e.title,
            status: 'active',
            startDate: start,
            endDate: addDays(start, e.weeks * 7),
            currency: 'EUR',
            priceMin: e.min,
            priceMax: e.max,
            terms: 'Paid per accepted milestone.',
          },
    )
    .returning({ id: engagements.id });

  await tx.insert(scopings).values({
    clientId,
    workshopDate: addDays(start, -7),
    summary: story.scoping.summary,
    constraints: story.scoping.constraints,
  });
  const pathRows = await tx
    .insert(userPaths)
    .values(story.paths.map((p, position) => ({ clientId, ...p, position })))
    .returning({ id: userPaths.id });
  await tx.insert(risks).values(story.risks.map((r) => ({ clientId, ...r })));

  const kpiRows = await tx
    .insert(kpis)
    .values(
      story.kpis.map((k) => ({
        clientId,
        name: k.name,
        unit: k.unit,
        direction: k.direction,
        target: k.target,
        cadence: 'weekly' as const,
      })),
    )
    .returning({ id: kpis.id });
  const thisWeek = periodStart(today, 'weekly');
  await tx.insert(kpiReadings).values(
    story.kpis.flatMap((k, i) =>
      k.readings.map((value, w) => ({
        kpiId: kpiRows[i]!.id,
        clientId,
        periodStart: addDays(thisWeek, (w - (k.readings.length - 1)) * 7),
        value,
        source: 'demo',
      })),
    ),
  );

  await tx.insert(milestones).values(
    story.milestones.map((m, position) => {
      const due = addDays(today, m.due);
      const done = m.doneLate === undefined ? null : addDays(due, m.doneLate);
      return {
        clientId,
        engagementId: engagement!.id,
        title: m.title,
        acceptance: m.acceptance.map((text) => ({ text, met: done !== null })),
        dueDate: due,
        plannedDate: addDays(due, -(m.movedBy ?? 0)),
        doneDate: done && done > today ? today : done,
        pricePercent: m.pricePercent ?? null,
        status: done
          ? ('done' as const)
          : m.inProgress
            ? ('in-progress' as const)
            : ('planned' as const),
        userPathIds: (m.paths ?? []).map((i) => pathRows[i]!.id),
        kpiIds: (m.kpis ?? []).map((i) => kpiRows[i]!.id),
        position,
      };
    }),
  );

  await tx.insert(decisions).values(
    story.decisions.map((d, i) => {
      const date = addDays(today, -d.age);
      return {
        clientId,
        number: i + 1,
        title: d.title,
        status: d.status,
        date,
        record: adr(d, i + 1, date),
      };
    }),
  );
  const q = story.question;
  await tx.insert(decisionsNeeded).values({
    clientId,
    question: q.question,
    context: q.context,
    options: q.options,
    recommendation: q.recommendation,
    reason: q.reason,
    dueDate: addDays(today, q.dueIn),
  });
  await tx.insert(features).values(
    story.features.map((f) => ({
      clientId,
      title: f.title,
      kpiId: kpiRows[f.kpi]!.id,
      expectedEffect: f.effect,
      confidence: f.confidence,
      effortDays: f.effortDays,
      risk: f.risk,
      newDependencies: f.deps,
      runningCostPerMonth: f.cost,
    })),
  );

  // The month's hours so far, one entry per weekday before today (at least one entry, today).
  const monthStart = `${today.slice(0, 8)}01`;
  const days: string[] = [];
  for (let d = monthStart; d < today; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(d);
  }
  if (days.length === 0) days.push(today);
  const totalMinutes = Math.round((story.hoursThisMonth * 60) / 15) * 15;
  const each = Math.floor(totalMinutes / days.length / 15) * 15;
  const notes = [
    'Architecture review',
    'Pairing with the team',
    'Founder call',
    'Code review',
    'Planning',
  ];
  const entries = days
    .map((date, i) => ({
      clientId,
      engagementId: engagement!.id,
      date,
      minutes: i === days.length - 1 ? totalMinutes - each * (days.length - 1) : each,
      note: notes[i % notes.length]!,
    }))
    .filter((entry) => entry.minutes > 0);
  if (entries.length > 0) await tx.insert(timeEntries).values(entries);
}
