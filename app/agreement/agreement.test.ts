/**
 * The page's "agrees with the real HAProxy" line for every example and lesson step comes from
 * core/verify/real-agreement.json (rendered by RealAgreement.tsx). This recomputes each verdict from the recordings of the real
 * binary (core/test/real-examples/) so the file cannot say more than the engine does, and checks
 * that every example and every lesson scenario has a recording or a stated reason why not.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES } from '../../core/examples/index';
import { agreementKey, agreementText, NOT_RECORDED, realAgreement } from '../../core/verify/agreement';
import { agreementOf } from '../../core/verify/agreement-check';
import type { RealTrace } from '../../core/verify/real-trace';
import { LESSONS } from '../lessons/lessons';

const dir = join(import.meta.dirname, '../../core/test/real-examples');
const recordings = readdirSync(dir).filter((f) => f.endsWith('.real.json')).map((f) => f.slice(0, -'.real.json'.length)).sort();
const summary = JSON.parse(readFileSync(join(import.meta.dirname, '../../core/verify/real-agreement.json'), 'utf8')) as Record<string, unknown>;

describe('agreement with the real HAProxy, shown on the page', () => {
  it('real-agreement.json lists exactly the recordings (node scripts/run-bundled.mjs scripts/real-agreement.ts)', () => {
    expect(Object.keys(summary).sort()).toEqual(recordings);
  });
  for (const key of recordings) {
    it(`${key}: the stated verdict is the engine's verdict against the recording`, () => {
      const real = JSON.parse(readFileSync(join(dir, `${key}.real.json`), 'utf8')) as RealTrace;
      // Recorded against the release the example's engine follows: Debian's 2.6.12, or a release built from its tag.
      const version = /^engine modern (\d+\.\d+)\s*$/m.exec(agreementText(key) ?? '')?.[1];
      expect(real.binary).toMatch(version ? new RegExp(`^HAProxy ${version.replace('.', '\\.')}\\.0\\b`) : /^HAProxy 2\.6\.12/);
      expect(realAgreement(key)).toEqual(agreementOf(key, real));
    });
  }
  it('every example and every lesson scenario is recorded, or says why not', () => {
    const keys = new Set(EXAMPLES.map((e) => e.id));
    for (const l of LESSONS) for (const s of l.steps) if (s.scenario) keys.add(agreementKey(s.scenario.example, s.scenario.reuse));
    const missing = [...keys].filter((k) => !recordings.includes(k) && !NOT_RECORDED[k.split('@')[0]!]);
    expect(missing).toEqual([]);
  });
});
