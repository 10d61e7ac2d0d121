import { describe, expect, it } from 'vitest';
import { EXAMPLES, runScenario } from '../../core';
import { expectedAnswer, measureOf, parseGuess, scenarioText, setReuseInText } from './answers';
import { findLesson, LESSONS } from './lessons';

describe('lessons', () => {
  it('has at least three lessons, each with questions, every scenario running without errors', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(3);
    for (const l of LESSONS) {
      expect(l.steps.some((s) => s.question)).toBe(true);
      for (const s of l.steps) {
        const text = scenarioText(s);
        if (s.scenario) {
          expect(text, `${l.id}: ${s.title}`).not.toBeNull();
          const r = runScenario(text!);
          expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        }
        if (s.question) expect(s.scenario, 'a question needs a run').toBeDefined();
      }
    }
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
  });

  it('answers are measured on the run: SC02 opens 3 connections at the parent and 1 at the seed', () => {
    const why = findLesson('why-7c6f8b146')!;
    expect(why.steps.map(expectedAnswer)).toEqual([null, 3, 1, 2]);
  });

  it('the modes lesson: safe/never 2, aggressive 2, always 1, h2 safe 2, h2 always 1', () => {
    expect(findLesson('reuse-modes')!.steps.map(expectedAnswer)).toEqual([2, 2, 2, 1, 2, 1]);
  });

  it('swaps and orphans: 2 connections, 1 orphan at the seed, none at the parent, 2 dispossessions', () => {
    expect(findLesson('swaps-orphans')!.steps.map(expectedAnswer)).toEqual([2, 1, 0, 2]);
  });

  it('after the seed: SC03 seed 2 vs modern 1, SC13 seed 3 vs modern 2', () => {
    expect(findLesson('after-the-seed')!.steps.map(expectedAnswer)).toEqual([2, 1, 3, 2]);
  });

  it('a step runs the engine and mode it names', () => {
    const step = findLesson('reuse-modes')!.steps[5];
    const text = scenarioText(step)!;
    expect(text).toMatch(/^\s*http-reuse always$/m);
    expect(text).toContain('`always` (ping-pong)'); // the comment is untouched
    expect(scenarioText(findLesson('why-7c6f8b146')!.steps[1])).toMatch(/^engine parent$/m);
  });

  it('setReuseInText changes the directive, not a comment that mentions it', () => {
    expect(setReuseInText('# try http-reuse always\nbackend b\n    http-reuse safe\n', 'never')).toBe('# try http-reuse always\nbackend b\n    http-reuse never\n');
  });

  it('measures count flagged events on the trace', () => {
    const sc08 = runScenario(EXAMPLES.find((e) => e.id === 'sc08')!.text);
    expect(measureOf(sc08, 'orphaned')).toBe(1);
    expect(measureOf(sc08, 'dispossessed')).toBe(1);
    expect(measureOf(sc08, 'opened')).toBe(sc08.totals.opened);
  });

  it('parses guesses', () => {
    expect(parseGuess(' 3 ')).toBe(3);
    expect(parseGuess('0')).toBe(0);
    for (const s of ['', '-1', '1.5', 'three', '1000', '3e1']) expect(parseGuess(s)).toBeNull();
  });

  it('the mode tcp lesson: 4 connections (1 web, 3 db), no reuse in tcp, a handful in http', () => {
    const [all, reused, http] = findLesson('mode-tcp')!.steps.map(expectedAnswer);
    expect([all, reused]).toEqual([4, 0]);
    expect(http).toBeGreaterThan(0);
    expect(http).toBeLessThan(10);
  });

  it('the sweeps lesson: each point measured as the diagram shows it — 300, then 200 (safe), then 100 (always)', () => {
    expect(findLesson('sweeps-pool')!.steps.map(expectedAnswer)).toEqual([300, 200, 100]);
  });
});
