/**
 * The verify tests' way to run one of scripts/verify/scenarios/ against Debian's HAProxy (CI
 * installs it): `haproxyInstalled` to skip a suite without it, `verifyScenario` to compare the
 * engine with the binary on a scenario file.
 */
import { expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { haproxyVersion } from './haproxy';
import { verifyText, type VerifyResult } from './verify-one';

export const haproxyInstalled = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;

/** The scenario `name` of scripts/verify/scenarios/, run by the engine and by `haproxy`, compared. */
export function verifyScenario(name: string): Promise<VerifyResult> {
  return verifyText(readFileSync(join(import.meta.dirname, 'scenarios', name), 'utf8'), name, {
    haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 1, limitMs: 3000, settleMs: 50, tieMs: 8,
  });
}

/**
 * verifyScenario, expected to match: the real run's requests, in order. A run whose timing was too
 * close to call (undecided: a loaded machine) is run again, up to three runs in all, as the
 * differential judge does; a difference fails at once.
 */
export async function matchedRequests(name: string) {
  let r = await verifyScenario(name);
  for (let i = 0; i < 2 && r.kind === 'compared' && r.verdict.outcome === 'undecided'; i++) r = await verifyScenario(name);
  expect(r.kind === 'compared' && r.verdict.outcome, name).toBe('match');
  if (r.kind !== 'compared') throw new Error(`${name}: not compared`);
  return r.real.requests;
}
