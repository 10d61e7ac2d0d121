// npm run bench: prints figures; nothing here is asserted anywhere.
// Core: simulated requests/s and events/s on the standard load scenarios, the bare
// event-queue loop and the engine/loop ratio, memory per live connection, and the
// CLI end to end on 1,000,000 requests, the trace cursor's seeks at ~1,000,000 events (bench/scrub.ts).
// App figures: scripts/bench/app.ts (Playwright).
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../core/run';
import { EventQueue } from '../core/sim/queue';
import { LOAD_SCENARIOS, MILLION } from './bench/load-scenarios';
import { sweeps } from './bench/sweeps';
import { scrub } from './bench/scrub';
import { against } from './bench/against';
import { instructions } from './bench/instructions';
import { RunIngest } from '../app/sim/ingest';
import { FLUSH_EVENTS } from '../app/sim/protocol';
import type { PackedOutput } from '../core';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const line = (k: string, v: string) => console.log(`${k.padEnd(58)} ${v}`);

function bareLoop(n: number): number {
  // The same queue discipline the engine uses, scheduling one event per event, doing no work.
  const q = new EventQueue<() => void>();
  let left = n;
  const tick = () => {
    if (--left > 0) q.push(0, tick);
  };
  for (let i = 0; i < 1000; i++) q.push(i, tick);
  const t0 = performance.now();
  let count = 0;
  for (let task = q.pop(); task !== undefined; task = q.pop()) {
    task();
    count++;
  }
  return count / ((performance.now() - t0) / 1000);
}

function machine(): number {
  console.log(`# machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  bareLoop(200_000); // warm up
  const loop = median([1, 2, 3].map(() => bareLoop(2_000_000)));
  line('bare event-queue loop', `${fmt(loop)} events/s (median of 3)`);
  return loop;
}

/** The scenarios by the names the tracked lines give them. */
const LABELS: Record<string, string> = { 'h1-10k-clients-x10-always': 'h1 10k×10 always', 'h2-1k-clients-x100-safe': 'h2 1k×100 safe' };

function core(loop: number): void {
  console.log('# core');
  // The ways to run, all the same engine code over a different trace writer (core/engines/writer/):
  // - totals only: the counting writer (`--summary`), no event built;
  // - worker path: what the page really does with a run: the engine writes the packed trace
  //   (packed writer), each chunk goes through structuredClone with its words transferred (what
  //   postMessage does), and the page keeps it (app/sim/ingest.ts: a PackedTrace, decoded on read);
  // - full trace, recording writer, no-op sink: every event built and applied, then thrown
  //   away (a sink that does nothing: not a path the page takes; the engine's cost of objects).
  const modes = {
    'totals only': () => ({ totalsOnly: true }),
    'worker path (engine → packed chunks → page)': () => ({ packed: pagePath() }),
    'full trace, recording writer, NO-OP SINK': () => ({ leanWorld: true, sink: () => {} }),
  } as const;
  const perMode = new Map<string, number>();
  let totalsEvents = 0;
  for (const [name, sc] of Object.entries(LOAD_SCENARIOS)) {
    for (const [mode, opts] of Object.entries(modes)) {
      // One unmeasured run first: the first run of a scenario in a process also compiles its code
      // paths and grows the heap to its size (20-40 % slower). Then the median of five runs: one
      // run on a shared VM is off by 10-20 % now and then.
      const run = () => {
        globalThis.gc?.();
        const t0 = performance.now();
        const o = opts();
        const r = runScenario(sc.text, { maxEvents: 50_000_000, ...o });
        return { r, s: (performance.now() - t0) / 1000, pageMs: 'packed' in o ? o.packed.pageMs() : 0 };
      };
      run();
      const runs = [1, 2, 3, 4, 5].map(run);
      const { r, s, pageMs } = runs.sort((a, b) => a.s - b.s)[2]!;
      line(`${name}, ${mode}: simulated requests/s`, `${fmt(r.totals.requests / s)} (${fmt(r.totals.requests)} requests in ${s.toFixed(2)} s, median of 5)`);
      line(`${name}, ${mode}: events/s`, `${fmt(r.events / s)} (${(r.events / s / loop * 100).toFixed(1)}% of the bare loop)`);
      perMode.set(mode, r.totals.requests / s);
      if (mode === 'totals only') totalsEvents = r.events / s;
      if (pageMs > 0) {
        // In the page the two sides run in two threads (worker, page), one after the other here.
        const worker = s - pageMs / 1000;
        line(`${name}, ${mode}: of which`, `worker side ${worker.toFixed(2)} s (${fmt(r.totals.requests / worker)} req/s), page side (clone + keep; decoded on read) ${(pageMs / 1000).toFixed(2)} s (${fmt(r.totals.requests / (pageMs / 1000))} req/s)`);
      }
    }
    const totals = perMode.get('totals only')!;
    const worker = perMode.get('worker path (engine → packed chunks → page)')!;
    console.log(`worker path ${LABELS[name] ?? name}: ${fmt(worker)} req/s, ${(worker / totals).toFixed(2)}× totals-only`);
    console.log(`totals only ${LABELS[name] ?? name}: ${fmt(totals)} req/s, ${(totalsEvents / loop).toFixed(2)}× the bare loop (events/s)`);
    separate(name, LABELS[name] ?? name);
  }
  // Memory per live connection: hold N h1 clients each with an idle server connection.
  const n = 20_000;
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const held = runScenario(`backend be\n    server s1 192.0.2.10:80\nscript\n    open web[1..${n}] h1\n    web[*] GET /\n`, { sink: () => {} });
  globalThis.gc?.();
  const after = process.memoryUsage().heapUsed;
  const live = [...held.world.conns.values()].filter((c) => c.phase !== 'closed').length;
  line('heap per live connection (with its client and session)', `${fmt((after - before) / live)} bytes (${fmt(live)} live${globalThis.gc ? '' : ', no --expose-gc'})`);
}

/**
 * The worker path against totals only with each way in processes of its own (./bench/path-child.ts),
 * taken in turn: as in the page, whose worker runs one way, and with the machine's drift on both.
 * In one process, the other ways' runs change what the compiler makes of the shared code (a
 * totals-only run after full-trace runs is slower than alone), and ways measured one after the
 * other take a drift of the machine into their ratio.
 */
function separate(key: string, label: string): void {
  const args = SCENARIO_ARGS[key];
  if (!args) return;
  const child = (way: string): number => {
    const r = spawnSync(process.execPath, ['--expose-gc', 'scripts/run-bundled.mjs', 'scripts/bench/path-child.ts', ...args, '5', way], { encoding: 'utf8', timeout: 300_000 });
    if (r.status !== 0) throw new Error(`path-child ${way}: exit ${r.status}: ${r.stderr.trim().split('\n').slice(0, 3).join(' ')}`);
    return median((JSON.parse(r.stdout) as { wall: number[] }).wall);
  };
  const totals: number[] = [];
  const worker: number[] = [];
  for (let i = 0; i < 3; i++) {
    totals.push(child('totals'));
    worker.push(child('worker'));
  }
  const ratio = median(worker.map((w, i) => w / totals[i]!));
  console.log(`worker path ${label}, processes of their own: ${fmt(median(worker))} req/s, ${ratio.toFixed(2)}× totals-only (${fmt(median(totals))} req/s; 3 pairs in turn, each the median of 5 runs)`);
}
/** The load scenarios' parameters (bench/load-scenarios.ts scenario()) for path-child. */
const SCENARIO_ARGS: Record<string, readonly string[]> = { 'h1-10k-clients-x10-always': ['h1', '10000', '10', 'always'], 'h2-1k-clients-x100-safe': ['h2', '1000', '100', 'safe'] };

/**
 * The page's path for the worker's chunks (app/sim/worker.ts → app/sim/ingest.ts), in one thread:
 * each chunk structured-cloned with its words transferred, as postMessage does, then pushed into a
 * RunIngest, which keeps it as the page's trace (core/trace/trace.ts: events are built on read). (Not measured here: the page's analysis and
 * checkpoints, done in slices after that: scripts/bench/app.ts measures the page end to end.)
 */
function pagePath(): PackedOutput & { pageMs(): number } {
  const ingest = new RunIngest({ diagnostics: [], engine: 'seed', commit: '', servers: ['s1', 's2'] }, false);
  let from = 0;
  let ms = 0;
  return {
    chunkEvents: FLUSH_EVENTS,
    onChunk: (chunk) => {
      const t0 = performance.now();
      const c = structuredClone(chunk, { transfer: [chunk.data.buffer, chunk.streams.buffer] });
      ingest.push(from, c);
      from += c.count;
      ms += performance.now() - t0;
    },
    pageMs: () => ms,
  };
}

function cliMillion(): void {
  const dir = mkdtempSync(join(tmpdir(), 'reuse-bench-'));
  const file = join(dir, 'million.scenario');
  writeFileSync(file, MILLION);
  // Exactly what a user types, npm's own start-up included.
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', '-s', 'sim', '--', file, '--summary'], { encoding: 'utf8' });
  const s = (performance.now() - t0) / 1000;
  line('npm run sim -- FILE --summary: 1,000,000 requests (1,000 h2 × 1,000, safe)', `${s.toFixed(2)} s wall, start-up included (exit ${r.status})`);
  if (r.stdout) console.log(`  ${r.stdout.trim()}`);
  if (r.status !== 0) console.log(r.stderr.trim().split('\n').slice(0, 3).join('\n'));
}

if (process.argv.includes('--instructions')) {
  // Only the instruction counts of the worker path and totals only (bench/instructions.ts).
  await instructions();
  process.exit(0);
}
const loop = machine();
if (process.argv.includes('--scrub')) {
  // Only the scrub figures (issue 15 point 6): the trace cursor at ~1,000,000 events.
  scrub();
  process.exit(0);
}
/** `--against DIR`: another checkout whose totals-only figures are measured in this run too (bench/against.ts). */
const againstAt = process.argv.indexOf('--against');
const againstDir = againstAt > 0 ? process.argv[againstAt + 1] : undefined;
if (againstAt > 0 && !againstDir) {
  console.error('--against needs a directory: a checkout of another commit, with node_modules');
  process.exit(2);
}
if (process.argv.includes('--core')) {
  // Only the core figures (the tracked worker-path lines among them).
  core(loop);
  if (againstDir) await against(againstDir);
  process.exit(0);
}
if (process.argv.includes('--sweeps')) {
  // Only the sweep figures (issue 18).
  sweeps(loop);
  process.exit(0);
}
core(loop);
if (againstDir) await against(againstDir);
cliMillion();
scrub();
sweeps(loop);
if (process.argv.includes('--app') || existsSync('dist/index.html')) {
  const r = spawnSync(process.execPath, ['scripts/run-bundled.mjs', 'scripts/bench/app.ts'], { stdio: 'inherit' });
  if (r.status !== 0) console.log('(app figures unavailable: build with `npm run build` first)');
}
