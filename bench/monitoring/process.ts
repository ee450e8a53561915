// The real Keel process on the embedded database, monitoring N HTTP monitors at a 30 s interval:
// lag between due time and start (p50/p99), checks per second, CPU and memory of the process.
// Unlike scheduler.ts (the scheduler loop inside this process on an in-memory PGlite), this
// measures `keel serve` as `npm start` runs it (the esbuild bundle in dist/server, rebuilt first
// if a source changed; BENCH_KEEL_ENTRY=bin/keel.mjs runs it through tsx instead) on a PGlite
// data directory, with everything else that process does: the web server, the job worker with
// its rollups and packing, the recording of results.
//
// For each run: a temporary KEEL_DATA_DIR is migrated and given an owner account and N HTTP
// monitors (next_run_at spread over the interval by monitor id, from LEAD_SECONDS after the
// database is closed, so Keel is up before the first one is due); then `keel serve` starts with
// KEEL_MONITOR_ALLOW_PRIVATE=true and LOG_LEVEL=warn. The bench signs in over HTTP and scrapes
// GET /metrics at the end of a 15 s warm-up and at the end of D seconds of due times; lag and
// checks come from the difference of the two scrapes of keel_monitor_check_lag_seconds and
// keel_monitor_checks_total. Percentiles are interpolated inside the histogram's buckets
// (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60 s), so they are only as fine as
// the buckets; the share of checks started within 250 ms is exact (0.25 s is a bucket bound).
// CPU (utime + stime) and RSS (VmRSS; VmHWM for the peak) are read from /proc/<pid> every second;
// the CPU before the first due time is the process's idle cost. Also printed: the background jobs
// that ran in the window and how long each took (GET /api/v1/jobs), the requests the targets
// answered and the checks that were not up (cross-checks). BENCH_TIMELINE=1 scrapes every second
// too and prints the seconds with checks over 100 ms late.
//
// Targets: one mock HTTP server per loopback address (127.0.0.2, 127.0.0.3, …, all loopback on
// Linux), MONITORS_PER_HOST monitors each. Keel allows 8 checks at once per host (politeness);
// with every monitor on one host that limit would be what is measured. 100 monitors a host
// make 3.3 checks/s per host, far below it, as real monitors spread over many hosts would be.
// The targets are IP addresses, so no DNS lookups are measured. The mock servers run in this
// bench process, on the same cores as Keel.
//
// Baseline in the same script, run first: the same process with N/10 monitors. Prints one JSON
// line per run, then one with both and the ratios (p99 lag, CPU share, CPU per check).
// Usage: npx tsx bench/monitoring/process.ts [monitors=5000] [seconds=75]
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { users } from '../../src/server/db/schema.ts';
import { jitterMs } from '../../src/server/monitoring/schedule.ts';
import { benchContext, insertMonitors, machineNote, startMockTarget } from './scheduler-kit.ts';

const INTERVAL_SECONDS = 30;
const WARMUP_SECONDS = 15;
const LEAD_SECONDS = 20;
const MONITORS_PER_HOST = 100;
const total = Number(process.argv[2] ?? 5000);
const seconds = Number(process.argv[3] ?? 75);
if (!(seconds > WARMUP_SECONDS + 10)) throw new Error(`seconds must exceed ${WARMUP_SECONDS + 10}`);
const owner = { email: 'bench@x.test', password: 'bench password 123' };
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const round = (x: number, digits = 1) => +x.toFixed(digits);

// What `npm start` runs: the bundle, built by the same script when a source changed.
const entry =
  process.env.BENCH_KEEL_ENTRY ??
  (execFileSync(process.execPath, ['scripts/server-build.mjs'], { stdio: 'inherit' }),
  'dist/server/main.js');

const hostAddress = (k: number) => `127.0.${Math.floor(k / 250)}.${2 + (k % 250)}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** CPU seconds (user + system) and memory of a process, from /proc. */
function procSample(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / clockTicks;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
  return { at: performance.now(), cpuSeconds, rssKiB: kib('VmRSS'), hwmKiB: kib('VmHWM') };
}

/** The lag histogram and check counter of kind http, from Prometheus text. */
function parseMetrics(text: string) {
  const buckets = new Map<number, number>();
  let checks = 0;
  let down = 0;
  for (const line of text.split('\n')) {
    const bucket = /^keel_monitor_check_lag_seconds_bucket\{(.*)\} (\S+)$/.exec(line);
    if (bucket && /kind="http"/.test(bucket[1]!)) {
      const le = /le="([^"]+)"/.exec(bucket[1]!)![1]!;
      buckets.set(le === '+Inf' ? Infinity : Number(le), Number(bucket[2]));
    }
    const counter = /^keel_monitor_checks_total\{(.*)\} (\S+)$/.exec(line);
    if (counter && /kind="http"/.test(counter[1]!)) {
      checks += Number(counter[2]);
      if (!/status="up"/.test(counter[1]!)) down += Number(counter[2]);
    }
  }
  return { buckets, checks, down };
}

/** The bucket [lower, upper] bound (seconds) the q-quantile falls in. */
function quantileBucket(cumulative: [number, number][], q: number): [number, number] {
  const rank = q * (cumulative.at(-1)?.[1] ?? 0);
  let lower = 0;
  for (const [le, c] of cumulative) {
    if (c >= rank) return [lower, le];
    lower = le;
  }
  return [lower, Infinity];
}

/** As Prometheus' histogram_quantile: linear inside the bucket the rank falls in. */
function bucketQuantile(cumulative: [number, number][], q: number): number {
  const count = cumulative.at(-1)?.[1] ?? 0;
  if (count === 0) return NaN;
  const rank = q * count;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [le, c] of cumulative) {
    if (c >= rank) {
      if (le === Infinity) return lowerBound; // past the last bound: at least that
      return lowerBound + ((le - lowerBound) * (rank - lowerCount)) / Math.max(1, c - lowerCount);
    }
    lowerBound = le;
    lowerCount = c;
  }
  return lowerBound;
}

function startKeel(env: Record<string, string>) {
  const child = spawn(process.execPath, [entry, 'serve'], {
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logLines: string[] = [];
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Keel is ready at (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`keel exited ${code} before it was ready`)));
  });
  // LOG_LEVEL=warn: anything logged is worth a look (failed checks, failed recording).
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n'))
        if (line.trim() && !line.startsWith('Keel is ready')) logLines.push(line);
    });
  return { child, ready, logLines };
}

function stopKeel(child: ChildProcess): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(0);
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve(performance.now() - started);
    });
    child.kill('SIGTERM');
  });
}

async function run(n: number) {
  const hosts = Math.ceil(n / MONITORS_PER_HOST);
  const targets = await Promise.all(
    Array.from({ length: hosts }, (_, k) => startMockTarget(hostAddress(k))),
  );
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keel-bench-process-'));
  let keel: ReturnType<typeof startKeel> | undefined;
  let sampler: NodeJS.Timeout | undefined;
  try {
    // 1. The data directory: migrations, the owner, the monitors. Then closed: one opener.
    const prepStarted = performance.now();
    const database = await openDatabase({ kind: 'pglite', dataDir });
    await migrateDatabase(database);
    const ctx = benchContext(database);
    await ctx.db.insert(users).values({
      email: owner.email,
      name: 'Bench',
      role: 'owner',
      passwordHash: await hashPassword(owner.password),
    });
    const ids = await insertMonitors(ctx, {
      n,
      url: (i) => targets[Math.floor(i / MONITORS_PER_HOST)]!.url,
      intervalSeconds: INTERVAL_SECONDS,
      nextRunAt: () => null,
    });
    // First due time: LEAD_SECONDS from now, when the process will be up; then one monitor
    // every 30 s / N, by id (as `firstRunAt` spreads new monitors).
    const firstDue = Date.now() + LEAD_SECONDS * 1000;
    await database.query(
      `update monitors m set next_run_at = $1::timestamptz + v.offset_ms * interval '1 millisecond'
         from unnest($2::uuid[], $3::int[]) as v(id, offset_ms) where m.id = v.id`,
      [new Date(firstDue).toISOString(), ids, ids.map((id) => jitterMs(id, INTERVAL_SECONDS))],
    );
    const [{ count } = { count: 0 }] = (
      await database.query<{ count: number }>(
        `select count(*)::int as count from monitors where next_run_at is not null`,
      )
    ).rows;
    if (count !== n) throw new Error(`${count} of ${n} monitors scheduled`);
    await database.close();
    const prepSeconds = (performance.now() - prepStarted) / 1000;

    // 2. The real process.
    const machine = machineNote();
    const spawnedAt = Date.now();
    keel = startKeel({
      KEEL_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      KEEL_MONITOR_ALLOW_PRIVATE: 'true',
      LOG_LEVEL: 'warn',
    });
    const pid = keel.child.pid!;
    const url = await keel.ready;
    const readyAt = Date.now();
    const samples: ReturnType<typeof procSample>[] = [];
    sampler = setInterval(() => {
      try {
        samples.push(procSample(pid));
      } catch {
        // exited
      }
    }, 1000);

    // 3. Sign in as the owner (the session cookie reads /metrics).
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(owner),
    });
    if (!login.ok) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const scrape = async () => {
      const response = await fetch(`${url}/metrics`, { headers: { cookie } });
      if (!response.ok) throw new Error(`/metrics: ${response.status} ${await response.text()}`);
      const metrics = parseMetrics(await response.text());
      const requests = targets.reduce((sum, t) => sum + t.requests(), 0);
      return { ...metrics, proc: procSample(pid), requests };
    };

    // 4. The process with nothing due yet (web server, job worker, scheduler passes): its idle
    // CPU, to tell the cost of the checks from the fixed cost of a running Keel.
    await sleep(1000);
    const idleFrom = procSample(pid);
    await sleep(firstDue - 1000 - Date.now());
    const idleTo = procSample(pid);
    const idleSeconds = (idleTo.at - idleFrom.at) / 1000;
    const idleCpuShare =
      idleSeconds >= 3 ? (idleTo.cpuSeconds - idleFrom.cpuSeconds) / idleSeconds : NaN;

    // 5. Warm-up, then the measured window.
    await sleep(firstDue + WARMUP_SECONDS * 1000 - Date.now());
    const a = await scrape();
    // BENCH_TIMELINE=1: a scrape every second as well (costs the process a little), to see
    // when the late checks happen: the seconds with checks over 100 ms, and the clock's second.
    const late: { second: number; clockSecond: number; checks: number; over100ms: number }[] = [];
    if (process.env.BENCH_TIMELINE) {
      let previous = a;
      while (Date.now() < firstDue + seconds * 1000 - 1500) {
        await sleep(1000);
        const now = await scrape();
        const below = (m: typeof a) => m.buckets.get(0.1) ?? 0;
        const all = (m: typeof a) => m.buckets.get(Infinity) ?? 0;
        const over100ms = all(now) - below(now) - (all(previous) - below(previous));
        if (over100ms > 0)
          late.push({
            second: Math.round((now.proc.at - a.proc.at) / 1000),
            clockSecond: new Date().getUTCSeconds(),
            checks: all(now) - all(previous),
            over100ms,
          });
        previous = now;
      }
    }
    await sleep(firstDue + seconds * 1000 - Date.now());
    const b = await scrape();
    clearInterval(sampler);
    // The background jobs that ran in the window (the per-minute ones share the event loop and
    // the one PGlite connection with the scheduler), and how long each took.
    const jobsResponse = await fetch(`${url}/api/v1/jobs?limit=200`, { headers: { cookie } });
    const { jobs } = (await jobsResponse.json()) as {
      jobs: { name: string; startedAt: string | null; completedAt: string | null }[];
    };
    const windowStart = Date.now() - (performance.now() - a.proc.at);
    const jobsInWindow = jobs
      .filter((j) => j.startedAt && Date.parse(j.startedAt) >= windowStart)
      .map((j) => ({
        name: j.name,
        startedAt: j.startedAt!.slice(11, 23),
        ms: j.completedAt ? Date.parse(j.completedAt) - Date.parse(j.startedAt!) : null,
      }))
      .sort((x, y) => x.startedAt.localeCompare(y.startedAt));
    const stopMs = await stopKeel(keel.child);

    const window = (b.proc.at - a.proc.at) / 1000;
    const checks = b.checks - a.checks;
    const bounds = [...b.buckets.keys()].sort((x, y) => x - y);
    const cumulative = bounds.map((le): [number, number] => [
      le,
      b.buckets.get(le)! - (a.buckets.get(le) ?? 0),
    ]);
    const lagged = cumulative.at(-1)?.[1] ?? 0;
    const within250 = cumulative.find(([le]) => le === 0.25)?.[1] ?? NaN;
    const cpu = b.proc.cpuSeconds - a.proc.cpuSeconds;
    const inWindow = samples.filter((s) => s.at >= a.proc.at && s.at <= b.proc.at);
    const mib = (kib: number) => round(kib / 1024, 0);
    return {
      monitors: n,
      hosts,
      seconds,
      measuredSeconds: round(window),
      neededChecksPerSecond: round(n / INTERVAL_SECONDS),
      checksPerSecond: round(checks / window),
      checksNotUp: b.down - a.down,
      // Answered by the mock targets: should match checksPerSecond.
      targetRequestsPerSecond: round((b.requests - a.requests) / window),
      lagP50Ms: round(bucketQuantile(cumulative, 0.5) * 1000),
      lagP99Ms: round(bucketQuantile(cumulative, 0.99) * 1000),
      lagP50BucketMs: quantileBucket(cumulative, 0.5).map((x) => x * 1000),
      lagP99BucketMs: quantileBucket(cumulative, 0.99).map((x) => x * 1000),
      // Checks per lag bucket in the window, by the bucket's upper bound in ms.
      lagBuckets: Object.fromEntries(
        cumulative
          .map(([le, c], i): [string, number] => [
            le === Infinity ? '+Inf' : `≤${le * 1000}`,
            c - (cumulative[i - 1]?.[1] ?? 0),
          ])
          .filter(([, c]) => c !== 0),
      ),
      lagShareWithin250Ms: round(within250 / Math.max(1, lagged), 4),
      lagAtBucketResolution: true,
      cpuShareOfCore: round(cpu / window, 3),
      cpuMsPerCheck: round((cpu * 1000) / Math.max(1, checks), 2),
      // Before the first due time: what the process costs with no check to run.
      idleCpuShareOfCore: round(idleCpuShare, 3),
      // CPU per check above that idle cost (the fixed cost dominates small N).
      cpuMsPerCheckAboveIdle: round(
        ((cpu - idleCpuShare * window) * 1000) / Math.max(1, checks),
        2,
      ),
      rssAverageMiB: mib(inWindow.reduce((s, x) => s + x.rssKiB, 0) / Math.max(1, inWindow.length)),
      rssPeakInWindowMiB: mib(Math.max(...inWindow.map((x) => x.rssKiB))),
      rssPeakMiB: mib(b.proc.hwmKiB), // VmHWM: whole life of the process, start-up included
      jobsInWindow,
      ...(process.env.BENCH_TIMELINE ? { late } : {}),
      startToReadyMs: readyAt - spawnedAt,
      readyBeforeFirstDueMs: firstDue - readyAt, // negative: the first checks were late
      prepSeconds: round(prepSeconds),
      stopMs: Math.round(stopMs),
      logLines: keel.logLines.length,
      firstLogLines: keel.logLines.slice(0, 3),
      machineAtStart: machine,
      machineAtEnd: machineNote(),
    };
  } finally {
    clearInterval(sampler);
    if (keel) await stopKeel(keel.child);
    for (const t of targets) t.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const baseline = await run(Math.max(1, Math.round(total / 10)));
console.log(JSON.stringify({ baseline }));
const full = await run(total);
console.log(JSON.stringify({ full }));
console.log(
  JSON.stringify({
    command: `npx tsx bench/monitoring/process.ts ${total} ${seconds}`,
    entry,
    warmupSeconds: WARMUP_SECONDS,
    machine: machineNote(),
    baseline,
    full,
    p99Ratio: round(full.lagP99Ms / Math.max(1, baseline.lagP99Ms), 2),
    cpuPerCheckRatio: round(full.cpuMsPerCheck / baseline.cpuMsPerCheck, 2),
    cpuPerCheckAboveIdleRatio: round(
      full.cpuMsPerCheckAboveIdle / baseline.cpuMsPerCheckAboveIdle,
      2,
    ),
    cpuShareRatio: round(full.cpuShareOfCore / baseline.cpuShareOfCore, 2),
  }),
);
