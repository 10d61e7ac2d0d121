/**
 * For the verify tests: a scenario of ./scenarios played against Debian's HAProxy (`haproxy` on the
 * PATH), its real trace returned when the engine's run matches it; otherwise an error with the verdict.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RealTrace } from '../../core/verify/real-trace';
import { haproxyVersion } from './haproxy';
import { formatVerdict, verifyText } from './verify-one';

export async function matchedRun(name: string, limitMs: number): Promise<RealTrace> {
  const r = await verifyText(readFileSync(join(__dirname, 'scenarios', name), 'utf8'), name, {
    haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 1, limitMs, settleMs: 50, tieMs: 8,
  });
  if (r.kind !== 'compared') throw new Error(`${name}: not compared (${r.kind})`);
  if (r.verdict.outcome !== 'match') throw new Error(formatVerdict(r.verdict, name));
  return r.real;
}
