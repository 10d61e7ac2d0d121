/**
 * `npm run verify -- --generate N --seed S`: N generated scenarios (core/verify/generate.ts), each
 * verified against the real binary, `jobs` at a time. Prints one line per scenario and a report:
 * N/M matched, every other one with its scenario saved to OUT/NAME.scenario and the verdict to
 * OUT/NAME.txt.
 *
 * A scenario that does not match is run again, up to `retries` more times, until one run matches:
 * - difference: no run matched and at least one differed — the engine is wrong (exit 1);
 * - unstable: some run matched, another differed — the real run's timing (reported, exit 0);
 * - undecided: no run matched or differed, each was too close to call (reported, exit 0).
 * Unstable and undecided ones do not fail the run, unless there are more than `maxUnclear` of
 * them (a harness that cannot tell any more is broken, not unlucky: exit 1). A run that cannot take
 * place (no binary, haproxy refusing its configuration) is an error (exit 2), as is a run that is
 * still going after `timeLimitS` seconds: no new scenario starts then, and the report says how
 * many ran.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runScenario } from '../../core/run';
import type { EngineName } from '../../core/scenario/ast';
import { since } from '../../core/model/names';
import { generateScenarios } from '../../core/verify/generate';
import { HaproxyError, haproxyFeatures } from './haproxy';
import { formatVerdict, verifyText, type VerifyOptions, type VerifyResult } from './verify-one';

export interface DifferentialOptions extends VerifyOptions {
  readonly engine: EngineName;
  readonly count: number;
  readonly seed: number;
  readonly jobs: number;
  readonly out: string;
  /** Exit 1 when a scenario differs (false: report only, exit 0). */
  readonly strict: boolean;
  /** More runs of a scenario that did not match (default 2). */
  readonly retries?: number;
  /** Unstable and undecided scenarios tolerated before they fail the run (default: a fifth of count). */
  readonly maxUnclear?: number;
  /** Start no scenario after this many seconds; having to stop is an error (0: no limit). */
  readonly timeLimitS?: number;
}

type Outcome = 'match' | 'difference' | 'undecided' | 'unstable' | 'error';

export async function differential(o: DifferentialOptions): Promise<number> {
  const t0 = Date.now();
  // 3.2's leastconn picks at random among equally loaded servers: no run of it can be reproduced.
  // A build without OpenSSL refuses `sni` (haproxy -vv: -OPENSSL).
  const openssl = haproxyFeatures(o.haproxy).has('OPENSSL');
  // `strict-maxconn` came in 3.2: the releases before refuse it.
  const keep = (text: string) =>
    !(since(o.version, '3.2') && /^\s*balance leastconn/m.test(text)) && (openssl || !/ sni /.test(text)) && (since(o.version, '3.2') || !/ strict-maxconn/.test(text));
  const scenarios = generateScenarios(o.count, o.seed, (text) => runScenario(text, { engine: o.engine, ...(o.version ? { version: o.version } : {}) }), 30, keep);
  const head = `differential: ${scenarios.length} generated scenarios (seed ${o.seed}), engine ${o.engine}${o.version ? ` ${o.version}` : ''} vs ${o.binary}, scale ${o.scale}, ${o.jobs} at a time`;
  process.stdout.write(head + '\n');
  rmSync(o.out, { recursive: true, force: true });
  const results: { name: string; outcome: Outcome; first: string }[] = [];
  let next = 0;
  const retries = o.retries ?? 2;
  const deadline = o.timeLimitS ? t0 + o.timeLimitS * 1000 : Infinity;
  const worker = async () => {
    while (next < scenarios.length && Date.now() < deadline) {
      const sc = scenarios[next++]!;
      const runs: VerifyResult[] = [await once(sc.text, sc.name, o)];
      // Not a match: again, until one run matches or the retries are spent.
      const matched = (r: VerifyResult) => r.kind === 'compared' && r.verdict.outcome === 'match';
      while (runs.length <= retries && runs.every((r) => r.kind === 'compared' && !matched(r))) runs.push(await once(sc.text, sc.name, o));
      const { outcome, shown } = judge(runs);
      const r = shown;
      let first = r.kind === 'compared' ? (r.verdict.differences[0] ?? '') : r.messages.join('; ');
      const differed = runs.filter((x) => x.kind === 'compared' && x.verdict.outcome === 'difference').length;
      if (outcome === 'unstable') first = `differed in ${differed} of ${runs.length} runs, then matched: ${first}`;
      else if (outcome === 'difference' && runs.length > 1) first = `in ${differed} of ${runs.length} runs: ${first}`;
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
  const unclear = count('unstable') + count('undecided');
  const maxUnclear = o.maxUnclear ?? Math.ceil(o.count / 5);
  if (results.length < scenarios.length) {
    process.stdout.write(`error: stopped at the time limit (${o.timeLimitS} s): ${results.length} of ${scenarios.length} scenarios ran\n`);
    return 2;
  }
  if (count('error')) return 2;
  if (!o.strict) return 0;
  if (count('difference')) return 1;
  if (unclear > maxUnclear) {
    process.stdout.write(`error: ${unclear} scenarios unstable or too close to call, more than the ${maxUnclear} tolerated: the harness cannot tell\n`);
    return 1;
  }
  return 0;
}

/**
 * One scenario's verdict over its runs (see the header), and the run to show: the first
 * difference, else the first run too close to call, else the first error.
 */
export function judge(runs: readonly VerifyResult[]): { outcome: Outcome; shown: VerifyResult } {
  const of = (k: 'match' | 'difference' | 'undecided') => runs.find((r) => r.kind === 'compared' && r.verdict.outcome === k);
  const err = runs.find((r) => r.kind !== 'compared');
  const match = of('match');
  const diff = of('difference');
  const undecided = of('undecided');
  if (match && diff) return { outcome: 'unstable', shown: diff };
  if (match) return { outcome: 'match', shown: match };
  if (diff) return { outcome: 'difference', shown: diff };
  if (undecided) return { outcome: 'undecided', shown: undecided };
  return { outcome: 'error', shown: err ?? runs[0]! };
}

async function once(text: string, name: string, o: DifferentialOptions): Promise<VerifyResult> {
  try {
    return await verifyText(text, name, o);
  } catch (e) {
    if (e instanceof HaproxyError) return { kind: 'bad-input', messages: [e.message] };
    throw e;
  }
}
