// npm run bench (or npm run bench -- --sweeps for this part alone): the figures of issue 18.
// - a 20-point sweep of a 10,000-request scenario, run point by point as the CLI's --csv runs it
//   (each point parsed, run totals-only with its meter), against the reference: the same
//   scenario run 20 times by runScenario totals-only, without parameters or meter;
// - `arrive … rate 1000/s for 60s` (60,000 clients, one request each), in process and through
//   the CLI end to end, against the bare event-queue loop's rate measured in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../core/run';
import { runPoint, sweepPlan } from '../../core/sweep/index';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const line = (k: string, v: string) => console.log(`${k.padEnd(58)} ${v}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** 1,000 h1 clients × 10 requests on the modern engine, swept over pool-max-conn (20 values). */
export const SWEEP_10K = [
  'engine modern',
  'sweep maxconn 0..95 step 5',
  'backend be',
  '    mode http',
  '    http-reuse safe',
  '    server s1 192.0.2.10:80 pool-max-conn $maxconn',
  '    server s2 192.0.2.11:80 pool-max-conn $maxconn',
  'script',
  '    open web[1..1000] h1',
  '    repeat 10 {',
  '        web[*] GET /',
  '    }',
  '    close web[*]',
  '',
].join('\n');

/** 60,000 arrivals in 60 s, one request each, response times 20-80 ms. */
export const ARRIVE_60K = [
  'engine modern',
  'seed 1',
  'backend be',
  '    mode http',
  '    http-reuse safe',
  '    server s1 192.0.2.10:80',
  '    server s2 192.0.2.11:80',
  'servers',
  '    s1 response-time 20ms..80ms',
  '    s2 response-time 20ms..80ms',
  'script',
  '    arrive user rate 1000/s for 60s h1 GET /',
  '',
].join('\n');

/** Wall time, and the CPU time of this process (on a shared VM the wall time also counts waiting for a core). */
function time<T>(f: () => T): { r: T; s: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = f();
  const c = process.cpuUsage(c0);
  return { r, s: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

export function sweeps(bareLoopEventsPerS: number): void {
  console.log('# sweeps and open-loop load (issue 18)');
  const plan = sweepPlan(SWEEP_10K);
  const sweep = () => plan.points.map((p) => runPoint(SWEEP_10K, p.values).metrics.requests);
  const plainText = SWEEP_10K.replace('sweep maxconn 0..95 step 5\n', '').replace(/\$maxconn/g, '0');
  const plain = () => plan.points.map(() => runScenario(plainText, { totalsOnly: true, maxEvents: 1e9 }).totals.requests);
  sweep();
  plain();
  const sweepRuns = [1, 2, 3].map(() => time(sweep));
  const plainRuns = [1, 2, 3].map(() => time(plain));
  const s = median(sweepRuns.map((x) => x.s));
  const ref = median(plainRuns.map((x) => x.s));
  const cpu = median(sweepRuns.map((x) => x.cpu));
  const reqs = sweep().reduce((a, b) => a + b, 0);
  line(`20-point sweep, ${fmt(reqs / 20)} requests a point (runPoint)`, `${s.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU (${fmt(reqs / s)} req/s, median of 3); ${(s / ref).toFixed(2)}× 20 plain totals-only runs (${ref.toFixed(2)} s)`);

  // Memory stays flat across a sweep: a point keeps nothing once its metrics are out.
  const heap = () => {
    globalThis.gc?.();
    return process.memoryUsage().heapUsed;
  };
  const h0 = heap();
  const growth: number[] = [];
  for (const p of plan.points) {
    runPoint(SWEEP_10K, p.values);
    growth.push(heap() - h0);
  }
  line('heap after each of the 20 points, minus before', `${fmt(Math.min(...growth) / 1024)} to ${fmt(Math.max(...growth) / 1024)} kB${globalThis.gc ? '' : ' (no --expose-gc)'}`);

  time(() => runPoint(ARRIVE_60K));
  const runs = [1, 2, 3].map(() => time(() => runPoint(ARRIVE_60K)));
  const a = runs.sort((x, y) => x.s - y.s)[1]!;
  line('arrive 1000/s for 60s, in process (runPoint)', `${a.s.toFixed(2)} s wall, ${a.cpu.toFixed(2)} s CPU, ${fmt(a.r.metrics.requests)} requests, ${fmt(a.r.events / a.s)} events/s (${((a.r.events / a.s / bareLoopEventsPerS) * 100).toFixed(1)}% of the bare loop), median of 3`);
  const dir = mkdtempSync(join(tmpdir(), 'reuse-bench-'));
  const file = join(dir, 'arrive.scenario');
  writeFileSync(file, ARRIVE_60K);
  spawnSync('npm', ['run', '-s', 'sim', '--', file, '--csv'], { encoding: 'utf8' });
  const cli = [1, 2, 3].map(() => time(() => spawnSync('npm', ['run', '-s', 'sim', '--', file, '--csv'], { encoding: 'utf8' })));
  const c = cli.sort((x, y) => x.s - y.s)[1]!;
  line('npm run sim -- FILE --csv: arrive 1000/s for 60s', `${c.s.toFixed(2)} s wall, start-up included (exit ${c.r.status}), median of 3`);
  if (c.r.stdout) console.log(`  ${c.r.stdout.trim().split('\n').join('\n  ')}`);
}
