/**
 * `npm run verify -- --generate N --seed S`: N generated scenarios (core/verify/generate.ts), each
 * verified against the real binary, `jobs` at a time. Prints one line per scenario and a report:
 * N/M matched, every difference with its scenario saved to OUT/NAME.scenario and the verdict to
 * OUT/NAME.txt. A scenario that does not match is run once more: a difference that does not come
 * back is reported as unstable (the real run's timing), and a run that lost the engine's timeline
 * (undecided) takes the second run's verdict.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runScenario } from '../../core/run';
import type { EngineName } from '../../core/scenario/ast';
import { generateScenarios } from '../../core/verify/generate';
import { HaproxyError } from './haproxy';
import { formatVerdict, verifyText, type VerifyOptions, type VerifyResult } from './verify-one';

export interface DifferentialOptions extends VerifyOptions {
  readonly engine: EngineName;
  readonly count: number;
  readonly seed: number;
  readonly jobs: number;
  readonly out: string;
  /** Exit 1 when a scenario differs (false: report only, exit 0). */
  readonly strict: boolean;
}

type Outcome = 'match' | 'difference' | 'undecided' | 'unstable' | 'error';

export async function differential(o: DifferentialOptions): Promise<number> {
  const t0 = Date.now();
  const scenarios = generateScenarios(o.count, o.seed, (text) => runScenario(text, { engine: o.engine }));
  const head = `differential: ${scenarios.length} generated scenarios (seed ${o.seed}), engine ${o.engine} vs ${o.binary}, scale ${o.scale}, ${o.jobs} at a time`;
  process.stdout.write(head + '\n');
  rmSync(o.out, { recursive: true, force: true });
  const results: { name: string; outcome: Outcome; first: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < scenarios.length) {
      const sc = scenarios[next++]!;
      let outcome: Outcome;
      let first = '';
      let r = await once(sc.text, sc.name, o);
      // Not a match: once more. A difference that does not come back was the real run's timing;
      // a run that lost the engine's timeline (undecided) gets a second chance to follow it.
      if (r.kind === 'compared' && r.verdict.outcome !== 'match') {
        const again = await once(sc.text, sc.name, o);
        const was = r.verdict;
        if (again.kind !== 'compared') r = again;
        else if (was.outcome === 'difference' && again.verdict.outcome === 'match') first = `differed once, then matched: ${was.differences[0]}`;
        else if (was.outcome === 'undecided' || again.verdict.outcome === 'difference') r = again;
      }
      if (first) outcome = 'unstable';
      else outcome = r.kind === 'compared' ? r.verdict.outcome : 'error';
      if (r.kind === 'compared') first ||= r.verdict.differences[0] ?? '';
      else first = r.messages.join('; ');
      if (outcome !== 'match') {
        mkdirSync(o.out, { recursive: true });
        writeFileSync(join(o.out, `${sc.name}.scenario`), sc.text);
        const body = r.kind === 'compared' ? formatVerdict(r.verdict, `verify ${sc.name}: engine ${o.engine} vs ${o.binary}`) : first;
        writeFileSync(join(o.out, `${sc.name}.txt`), body + '\n');
      }
      results.push({ name: sc.name, outcome, first });
      process.stdout.write(`  ${sc.name.padEnd(12)} ${outcome}${first ? `: ${first}` : ''}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.jobs) }, worker));
  const count = (k: Outcome) => results.filter((r) => r.outcome === k).length;
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const where = relative(process.env.INIT_CWD ?? process.cwd(), o.out) || '.';
  process.stdout.write(
    `${count('match')}/${results.length} matched, ${count('difference')} differ, ${count('unstable')} unstable, ${count('undecided')} too close to call, ${count('error')} errors (${secs} s)\n`,
  );
  if (results.length < o.count) process.stdout.write(`note: only ${results.length} of ${o.count} candidates had a clear timing\n`);
  const bad = results.filter((r) => r.outcome !== 'match');
  if (bad.length) {
    process.stdout.write(`not matched (scenario and verdict in ${where}/NAME.scenario, NAME.txt):\n`);
    for (const b of bad) process.stdout.write(`  ${b.name} ${b.outcome}: ${b.first}\n`);
  }
  if (count('error')) return 2;
  return o.strict && count('difference') ? 1 : 0;
}

async function once(text: string, name: string, o: DifferentialOptions): Promise<VerifyResult> {
  try {
    return await verifyText(text, name, o);
  } catch (e) {
    if (e instanceof HaproxyError) return { kind: 'bad-input', messages: [e.message] };
    throw e;
  }
}
