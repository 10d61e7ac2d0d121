// Records real-binary traces as fixtures for `npm test` (core/test/real.test.ts), which then checks
// the modern engine against them without a binary:
//   node scripts/run-bundled.mjs scripts/verify/record-fixtures.ts [--haproxy PATH] [--generated N] [--seed S]
//   node scripts/run-bundled.mjs scripts/verify/record-fixtures.ts --update-known   (after an engine change)
// The set: the oracle's scenarios (core/test/oracle/*.scenario), the hand-written ones of issue 16
// (scripts/verify/scenarios/) and N generated ones. Each is
// played three times; only a scenario whose three real runs agree (same connection for every
// request, same statuses, same closes) and none of which was too close to call is kept.
// Writes core/test/real/NAME.scenario, NAME.real.json and index.json.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runScenario } from '../../core/run';
import { compareRuns } from '../../core/verify/compare';
import { engineView } from '../../core/verify/engine-view';
import { generateScenarios } from '../../core/verify/generate';
import type { RealTrace } from '../../core/verify/real-trace';
import { haproxyVersion } from './haproxy';
import { verifyText } from './verify-one';

// Bundled by run-bundled.mjs, which leaves this file's own path in argv[1].
const root = join(dirname(process.argv[1]!), '../..');
const out = join(root, 'core/test/real');
const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : dflt;
};
const haproxy = opt('haproxy', 'haproxy');
const generated = Number(opt('generated', '20'));
const seed = Number(opt('seed', '7'));
const RUNS = 3;

/** What must not change between runs of one scenario. */
function shape(t: RealTrace): string {
  const reqs = t.requests.map((r) => `${r.id}:${r.conn ?? '-'}/${r.status ?? r.error}`).join(' ');
  // Where a close falls among the requests' sends and ends (a close that wanders is timing).
  const marks = t.requests.flatMap((r) => [r.sentAt, ...(r.doneAt === null ? [] : [r.doneAt])]);
  const place = (at: number) => marks.filter((m) => m < at).length;
  const conns = t.conns.map((c) => {
    const during = c.closedAt !== null && c.closedAt <= t.end + 24;
    return `${c.id}:${c.requests.join(',')}:${during ? `${c.closedBy}@${place(c.closedAt!)}` : 'open'}`;
  }).join(' ');
  return `${reqs} | ${conns}`;
}

/** `--update-known`: no recording; known-differences.json rewritten from what the engine now says of the fixtures. */
function updateKnown(): void {
  const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { name: string }[];
  const known: Record<string, string> = {};
  for (const { name } of index) {
    const text = readFileSync(join(out, `${name}.scenario`), 'utf8');
    const real = JSON.parse(readFileSync(join(out, `${name}.real.json`), 'utf8')) as RealTrace;
    const v = compareRuns(engineView(runScenario(text, { engine: 'modern' })), real);
    if (v.outcome !== 'match') known[name] = v.differences[0]!;
  }
  writeFileSync(join(out, 'known-differences.json'), JSON.stringify(known, null, 1) + '\n');
  process.stdout.write(`${Object.keys(known).length} of ${index.length} fixtures differ from the engine:\n${Object.entries(known).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`);
}

async function main(): Promise<void> {
  if (argv.includes('--update-known')) return updateKnown();
  const binary = haproxyVersion(haproxy);
  const o = { haproxy, binary, scale: 1, limitMs: 3000, settleMs: 50, tieMs: 8, engine: 'modern' as const };
  const oracleDir = join(root, 'core/test/oracle');
  const set = readdirSync(oracleDir).filter((f) => f.endsWith('.scenario')).sort()
    .map((f) => ({ name: `oracle-${f.replace(/\.scenario$/, '')}`, text: readFileSync(join(oracleDir, f), 'utf8'), source: `core/test/oracle/${f}` }));
  // Hand-written scenarios of what issue 16 found (scripts/verify/scenarios/).
  const issueDir = join(root, 'scripts/verify/scenarios');
  for (const f of readdirSync(issueDir).filter((x) => x.endsWith('.scenario')).sort())
    set.push({ name: `issue16-${f.replace(/\.scenario$/, '')}`, text: readFileSync(join(issueDir, f), 'utf8'), source: `scripts/verify/scenarios/${f}` });
  // More candidates than needed: unstable ones are dropped.
  const gen = generateScenarios(generated * 2, seed, (text) => runScenario(text, { engine: 'modern' }));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const index: { name: string; source: string; binary: string; recordedAt: string; runs: number; verdictAtRecording: string }[] = [];
  const keep = async (name: string, text: string, source: string): Promise<boolean> => {
    const traces: RealTrace[] = [];
    let verdict = '';
    for (let i = 0; i < RUNS; i++) {
      const r = await verifyText(text, name, o);
      if (r.kind !== 'compared' || r.verdict.outcome === 'undecided') return false;
      traces.push(r.real);
      verdict = r.verdict.outcome === 'match' ? 'match' : r.verdict.differences[0]!;
    }
    if (new Set(traces.map(shape)).size !== 1) return false;
    writeFileSync(join(out, `${name}.scenario`), text);
    writeFileSync(join(out, `${name}.real.json`), JSON.stringify(traces[0], null, 1) + '\n');
    index.push({ name, source, binary, recordedAt: traces[0]!.recordedAt.slice(0, 10), runs: RUNS, verdictAtRecording: verdict });
    process.stdout.write(`  ${name}: ${verdict}\n`);
    return true;
  };
  // A loaded machine can spoil one series: a fixed scenario gets a second one.
  for (const s of set) if (!(await keep(s.name, s.text, s.source)) && !(await keep(s.name, s.text, s.source))) process.stdout.write(`  ${s.name}: unstable, not kept\n`);
  let kept = 0;
  for (const g of gen) {
    if (kept >= generated) break;
    if (await keep(g.name, g.text, `generated, seed ${seed}`)) kept++;
  }
  writeFileSync(join(out, 'index.json'), JSON.stringify(index, null, 1) + '\n');
  // What the engine got wrong when recorded: core/test/real.test.ts expects these to differ until fixed.
  const known = Object.fromEntries(index.filter((f) => f.verdictAtRecording !== 'match').map((f) => [f.name, f.verdictAtRecording]));
  writeFileSync(join(out, 'known-differences.json'), JSON.stringify(known, null, 1) + '\n');
  process.stdout.write(`recorded ${index.length} fixtures in core/test/real (${binary})\n`);
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`record-fixtures: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(2);
});
