// Shared helpers for the audit benchmarks: run a command, measure wall time and peak memory.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';

/**
 * Runs a command under /usr/bin/time -v; returns wall seconds, CPU seconds (user + system, its
 * children included), peak RSS in MiB and stdout.
 */
export function measure(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-v', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    ...options,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr ?? '');
  const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr ?? '');
  const system = /System time \(seconds\): ([\d.]+)/.exec(result.stderr ?? '');
  const cpuSeconds = user && system ? Number(user[1]) + Number(system[1]) : null;
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}: ${(result.stderr ?? '').slice(0, 500)}`,
    );
  return {
    seconds,
    cpuSeconds,
    peakMiB: rss ? Number(rss[1]) / 1024 : null,
    stdout: result.stdout,
  };
}

/** Best (lowest) of n runs: the machine is shared, so the minimum is the least noisy figure. */
export function best(n, run) {
  n = Number(process.env.BENCH_RUNS ?? n);
  let result = null;
  for (let i = 0; i < n; i++) {
    const next = run();
    if (!result || next.seconds < result.seconds) result = next;
  }
  return result;
}

export function machine() {
  const list = cpus();
  return `${list.length} cores (${list[0]?.model ?? 'unknown'}), node ${process.version}`;
}

export const KEEL_STAGE = ['--import', 'tsx', new URL('./stage-cli.ts', import.meta.url).pathname];

/**
 * Bundles stage-cli.ts into dist/bench/ with the options scripts/server-build.mjs uses for
 * dist/server (what `npm start` runs): plain JavaScript, npm packages left external.
 */
export async function buildStageBundle() {
  const { build } = await import('esbuild');
  const outfile = new URL('../../dist/bench/stage-cli.mjs', import.meta.url).pathname;
  await build({
    entryPoints: [new URL('./stage-cli.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
