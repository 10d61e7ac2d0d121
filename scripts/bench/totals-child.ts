// One process of `npm run bench -- --core --against DIR` (./against.ts): the totals-only runs of one
// load scenario, measured as the core bench measures them (the bare loop first, a collection
// before each run, one unmeasured run, then RUNS), printed as one JSON line. against.ts bundles it
// twice: with this tree's core/, and with DIR's.
// Arguments: PROTO CLIENTS PER_CLIENT REUSE RUNS.
import { runScenario } from '../../core/run';
import { EventQueue } from '../../core/sim/queue';
import { scenario } from './load-scenarios';

const [proto, clients, perClient, reuse, runs] = process.argv.slice(2);
if (!proto || !clients || !perClient || !reuse || !runs) {
  process.stderr.write('usage: totals-child PROTO CLIENTS PER_CLIENT REUSE RUNS\n');
  process.exit(2);
}

/** The core bench's bare loop (bench.ts), run first as there: it warms the same queue code. */
function bareLoop(n: number): void {
  const q = new EventQueue<() => void>();
  let left = n;
  const tick = () => {
    if (--left > 0) q.push(0, tick);
  };
  for (let i = 0; i < 1000; i++) q.push(i, tick);
  for (let task = q.pop(); task !== undefined; task = q.pop()) task();
}
bareLoop(200_000);
for (let i = 0; i < 3; i++) bareLoop(2_000_000);

const text = scenario(proto as 'h1' | 'h2', Number(clients), Number(perClient), reuse);
const wall: number[] = [];
const cpu: number[] = [];
let requests = 0;
for (let i = 0; i <= Number(runs); i++) {
  globalThis.gc?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = runScenario(text, { maxEvents: 500_000_000, totalsOnly: true });
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  requests = r.totals.requests;
  if (i === 0) continue;
  wall.push(requests / s);
  cpu.push(requests / ((c.user + c.system) / 1e6));
}
process.stdout.write(`${JSON.stringify({ requests, wall, cpu })}\n`);
