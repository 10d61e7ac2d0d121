// `npm run bench -- --core --against DIR`: the totals-only figures of this tree against those of
// another checkout (a git worktree of an older commit, with node_modules), measured in the same
// bench run: processes of the two taken in turn (A B A B …), each as the core bench measures
// totals only (./path-child.ts), so that the machine's drift falls on both. Only figures
// measured here are compared.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LOAD_SCENARIOS } from './load-scenarios';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The standard scenarios' parameters (load-scenarios.ts), by the names the tracked lines give them. */
const SCENARIOS = [
  { key: 'h1-10k-clients-x10-always', label: 'h1 10k×10 always', args: ['h1', '10000', '10', 'always'] },
  { key: 'h2-1k-clients-x100-safe', label: 'h2 1k×100 safe', args: ['h2', '1000', '100', 'safe'] },
] as const;

/** Bundles path-child.ts with `core/` taken from `coreRoot` (this tree's or the other's). */
async function bundle(coreRoot: string, out: string): Promise<void> {
  const { build } = await import('esbuild');
  const here = resolve('scripts/bench/path-child.ts');
  await build({
    entryPoints: [here], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node20',
    packages: 'external', logLevel: 'error', absWorkingDir: coreRoot,
    plugins: [{
      name: 'core-of',
      setup(b) {
        // `../../core/…` from the child (or from inside core/) resolves in coreRoot's core/.
        b.onResolve({ filter: /^\.\.?\// }, (a) => {
          const p = resolve(a.resolveDir, a.path);
          const core = resolve('core');
          // The child's page side (app/, for its `worker` way) is never loaded in a totals-only run: left out.
          if (p.startsWith(resolve('app') + '/')) return { path: a.path, external: true };
          return p.startsWith(core + '/') || p === core ? { path: resolveTs(join(coreRoot, 'core', p.slice(core.length))) } : undefined;
        });
      },
    }],
  });
}

/** A module path as TypeScript resolves it: FILE.ts, or DIR/index.ts. */
function resolveTs(p: string): string {
  for (const c of [`${p}.ts`, join(p, 'index.ts')]) if (existsSync(c)) return c;
  return p;
}

function child(file: string, args: readonly string[], runs: number): { wall: number; cpu: number } {
  const r = spawnSync(process.execPath, ['--expose-gc', file, ...args, String(runs)], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${file}: exit ${r.status}: ${r.stderr.trim().split('\n').slice(0, 3).join(' ')}`);
  const o = JSON.parse(r.stdout) as { wall: number[]; cpu: number[] };
  return { wall: median(o.wall), cpu: median(o.cpu) };
}

export async function against(dir: string, pairs = 5, runs = 5): Promise<void> {
  const other = resolve(dir);
  if (!existsSync(join(other, 'core/run')) && !existsSync(join(other, 'core/run.ts'))) throw new Error(`${dir}: no core/run here`);
  const head = (cwd: string) => spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).stdout.trim() || '?';
  const tmp = mkdtempSync(join(tmpdir(), 'reuse-against-'));
  try {
    const mine = join(tmp, 'this.mjs');
    const theirs = join(tmp, 'other.mjs');
    await bundle(resolve('.'), mine);
    await bundle(other, theirs);
    console.log(`# totals only, this tree (${head('.')}) against ${dir} (${head(other)}): ${pairs} pairs of processes in turn, each the median of ${runs} runs`);
    for (const sc of SCENARIOS) {
      if (!(sc.key in LOAD_SCENARIOS)) continue;
      const a: { wall: number; cpu: number }[] = [];
      const b: { wall: number; cpu: number }[] = [];
      for (let i = 0; i < pairs; i++) {
        a.push(child(mine, sc.args, runs));
        b.push(child(theirs, sc.args, runs));
      }
      const ratio = (k: 'wall' | 'cpu') => median(a.map((x, i) => x[k] / b[i]![k]));
      console.log(
        `totals only ${sc.label}: this tree ${fmt(median(a.map((x) => x.wall)))} req/s, ${head(other)} ${fmt(median(b.map((x) => x.wall)))} req/s: ` +
          `${ratio('wall').toFixed(2)}× (pair by pair; by CPU time ${ratio('cpu').toFixed(2)}×)`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
