// `npm run bench -- --instructions`: the worker path against totals only counted in machine
// instructions (valgrind's callgrind), not in time. On a shared VM a run's time moves by half from
// one minute to the next, even in CPU time; the instructions V8 runs for the same build, with
// `--predictable` and fixed seeds, come out the same from run to run (to a fraction of a percent),
// so a change of a few percent in the writers can be seen. They are not time: cache misses, memory
// traffic and the collector's threads are left out, so the ratio here is an upper bound of the
// time ratio, and a figure to follow from turn to turn, not a replacement of the core bench.
//
// Each way runs in a process of its own under callgrind (./path-child.ts), twice: with 2 and with 8
// measured runs; the difference over 6 is one run's instructions, start-up, compilation of the
// first runs and the bare loops left out. Smaller scenarios than the core bench's (callgrind runs
// code about 50 times slower): h2 200 clients × 100 and h1 2,000 × 10.
import { spawnSync, spawn } from 'node:child_process';

const SCENARIOS = [
  { label: 'h1 2k×10 always', args: ['h1', '2000', '10', 'always'] },
  { label: 'h2 200×100 safe', args: ['h2', '200', '100', 'safe'] },
] as const;
const FEW = 2;
const MANY = 8;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Instructions of one child process under callgrind (null: valgrind failed, with why). */
function count(args: readonly string[], runs: number, way: string): Promise<number | string> {
  const argv = [
    '--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file',
    process.execPath, '--predictable', '--hash-seed=1', '--random-seed=1',
    'scripts/run-bundled.mjs', 'scripts/bench/path-child.ts', ...args, String(runs), way,
  ];
  return new Promise((done) => {
    const child = spawn('valgrind', argv, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 900_000 });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => done(e.message));
    child.on('close', (code) => {
      const m = /I\s+refs:\s+([\d,]+)/.exec(err);
      done(code === 0 && m ? Number(m[1]!.replace(/,/g, '')) : `exit ${code}: ${err.trim().split('\n').slice(-2).join(' ')}`);
    });
  });
}

export async function instructions(): Promise<void> {
  console.log('# instructions (callgrind; not time: see scripts/bench/instructions.ts)');
  const probe = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('valgrind is not installed here (apt-get install valgrind): no instruction counts');
    return;
  }
  // The child's bundle is built first, outside callgrind (a build inside would be counted).
  spawnSync(process.execPath, ['scripts/run-bundled.mjs', 'scripts/bench/path-child.ts', 'h2', '2', '2', 'safe', '1', 'worker'], { stdio: 'ignore' });
  for (const sc of SCENARIOS) {
    const perRun: Record<string, number> = {};
    for (const way of ['totals', 'worker']) {
      // The two counts of a way at once: the machine has at least two cores.
      const [few, many] = await Promise.all([count(sc.args, FEW, way), count(sc.args, MANY, way)]);
      if (typeof few === 'string' || typeof many === 'string') {
        console.log(`${sc.label}, ${way}: valgrind failed (${typeof few === 'string' ? few : many})`);
        return;
      }
      perRun[way] = (many - few) / (MANY - FEW);
      const requests = Number(sc.args[1]) * Number(sc.args[2]);
      console.log(`${`${sc.label}, ${way === 'totals' ? 'totals only' : 'worker path'}: instructions per run`.padEnd(58)} ${fmt(perRun[way]!)} (${fmt(perRun[way]! / requests)} per request)`);
    }
    console.log(`worker path ${sc.label}, by instructions: ${(perRun.totals! / perRun.worker!).toFixed(2)}× totals-only`);
  }
}
