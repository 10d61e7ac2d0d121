import { beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../core';
import { clickConn, runNow, seek, seekEnd, seekTime, setEngine, setText, stepNext, stepPrev } from './actions';
import { getState, initialState, store } from './index';
import { currentEvent, worldAt } from './selectors';

// Store behaviour by replaying action lists (G14), without React or a DOM.

const SC02 = EXAMPLES.find((e) => e.id === 'sc02')!.text;

function world() {
  const s = getState();
  return worldAt(s.sim.cursor!, s.view.index);
}

beforeEach(() => {
  store.setState(initialState, true);
});

describe('actions', () => {
  it('runs a scenario and walks its trace', () => {
    setText(SC02, { immediate: true });
    const s = getState();
    expect(s.sim.result?.ok).toBe(true);
    expect(s.sim.plan?.sessions.has('A')).toBe(true);
    expect(s.view.index).toBe(-1);
    stepNext();
    stepNext();
    expect(getState().view.index).toBe(1);
    stepPrev();
    expect(getState().view.index).toBe(0);
    seek(10_000);
    expect(getState().view.index).toBe(s.sim.result!.trace.length - 1);
    seek(-5);
    expect(getState().view.index).toBe(-1);
  });

  it('switching the engine rewrites the text and shows 1 vs 3 connections for SC02', () => {
    setText(SC02, { immediate: true });
    seekEnd();
    expect(world().counts.opened).toBe(1);
    setEngine('parent');
    expect(getState().editor.text).toMatch(/^engine parent$/m);
    expect(getState().sim.result!.engine).toBe('parent');
    // The playhead was at the end: it stays at the end of the new run.
    expect(getState().view.index).toBe(getState().sim.result!.trace.length - 1);
    expect(world().counts.opened).toBe(3);
  });

  it('keeps the last good run, marked stale, while the text has errors', () => {
    setText(SC02, { immediate: true });
    const good = getState().sim.result;
    setText(SC02.replace('http-reuse never', 'http-reuse nevr'), { immediate: true });
    const s = getState();
    expect(s.editor.errorCount).toBeGreaterThan(0);
    expect(s.editor.diagnostics.some((d) => d.suggestion === 'never')).toBe(true);
    expect(s.sim.stale).toBe(true);
    expect(s.sim.result).toBe(good);
    setText(SC02, { immediate: true });
    expect(getState().sim.stale).toBe(false);
  });

  it('keeps the playhead at the same virtual time across an edit', () => {
    setText(SC02, { immediate: true });
    const trace = [...getState().sim.result!.trace];
    const i = trace.findIndex((e) => e.decision === 'R1');
    seek(i);
    const t = trace[i].t;
    setText(SC02.replace('close A', 'wait 1ms\n    close A'), { immediate: true });
    expect(currentEvent(getState())!.t).toBe(t);
    seekTime(t);
    expect(currentEvent(getState())!.t).toBe(t);
  });

  it('a click on a connection walks the events that touch it', () => {
    setText(SC02, { immediate: true });
    seekEnd();
    clickConn('c1');
    const a = currentEvent(getState())!;
    expect(a.conn === 'c1' || a.otherConn === 'c1').toBe(true);
    expect(getState().view.focusConn).toBe('c1');
    clickConn('c1');
    expect(getState().view.index).not.toBe([...getState().sim.result!.trace].indexOf(a));
  });

  it('an empty scenario gives an empty trace, not a crash', () => {
    setText('', { immediate: true });
    runNow();
    expect(getState().sim.crash).toBeNull();
  });
});
