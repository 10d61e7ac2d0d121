import { describe, expect, it } from 'vitest';
import type { RealTrace } from '../../core/verify/real-trace';
import { judge } from './differential';
import type { VerifyResult } from './verify-one';

const run = (outcome: 'match' | 'difference' | 'undecided'): VerifyResult => ({
  kind: 'compared', engine: 'modern', notes: [], real: {} as RealTrace,
  verdict: { outcome, rows: [], differences: outcome === 'match' ? [] : [`${outcome} here`], remarks: [], pairs: new Map() },
});
const bad: VerifyResult = { kind: 'bad-input', messages: ['haproxy rejected the configuration'] };

describe('judge: a scenario over its runs (what fails CI and what is only reported)', () => {
  it('a match is a match, first time or after a difference (then unstable: timing, reported)', () => {
    expect(judge([run('match')]).outcome).toBe('match');
    expect(judge([run('difference'), run('match')]).outcome).toBe('unstable');
    expect(judge([run('undecided'), run('match')]).outcome).toBe('match');
  });

  it('a difference in every run that decided, none matching, is a difference (fails CI)', () => {
    const j = judge([run('difference'), run('undecided'), run('difference')]);
    expect(j.outcome).toBe('difference');
    expect(j.shown.kind === 'compared' && j.shown.verdict.outcome).toBe('difference');
  });

  it('runs that were all too close to call are undecided (reported); a run that could not take place is an error', () => {
    expect(judge([run('undecided'), run('undecided'), run('undecided')]).outcome).toBe('undecided');
    expect(judge([bad]).outcome).toBe('error');
  });
});
