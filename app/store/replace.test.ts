import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXAMPLES } from '../../core';
import { setText } from './actions';
import { getState, initialState, setView, store } from './index';
import { flushSave, PREVIOUS_KEY, SCENARIO_KEY, saveScenario, writeVerified } from './persistence';
import { replaceScenario, restorePrevious, worthKeeping } from './replace';

// Work is never silently destroyed: replaying action lists against the store (G14),
// with a Map-backed localStorage that can be made full or unreliable.

const SC07 = EXAMPLES.find((e) => e.id === 'sc07')!.text;
const MINE = '# mine\nengine seed\n';

class FakeStorage {
  data = new Map<string, string>();
  mode: 'ok' | 'full' | 'lossy' = 'ok';
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.mode === 'full') throw new DOMException('quota', 'QuotaExceededError');
    this.data.set(k, this.mode === 'lossy' ? v.slice(0, 3) : v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

let fake: FakeStorage;

beforeEach(() => {
  fake = new FakeStorage();
  vi.stubGlobal('localStorage', fake);
  store.setState(initialState, true);
});
afterEach(() => vi.unstubAllGlobals());

describe('autosave', () => {
  it('verifies by reading back and reports full or lossy storage', () => {
    expect(writeVerified(SCENARIO_KEY, 'x')).toBe('saved');
    fake.mode = 'full';
    expect(writeVerified(SCENARIO_KEY, 'y')).toBe('full');
    fake.mode = 'lossy';
    expect(writeVerified(SCENARIO_KEY, 'hello')).toBe('failed');
  });

  it('coalesces keystrokes and shows the status in the store', () => {
    saveScenario('a');
    saveScenario('ab');
    expect(getState().work.save.status).toBe('saving');
    flushSave();
    expect(fake.data.get(SCENARIO_KEY)).toBe('ab');
    expect(getState().work.save.status).toBe('saved');
    fake.mode = 'full';
    saveScenario('abc', true);
    expect(getState().work.save.status).toBe('full');
    expect(fake.data.get(SCENARIO_KEY)).toBe('ab'); // the last good save is still there
  });
});

describe('replacing the scenario', () => {
  it('keeps user text, not empty text or an unmodified example', () => {
    expect(worthKeeping(MINE, SC07)).toBe(true);
    expect(worthKeeping('  \n', SC07)).toBe(false);
    expect(worthKeeping(SC07, MINE)).toBe(false);
    expect(worthKeeping(MINE, MINE)).toBe(false);
  });

  it('a replacement keeps the previous text, and Restore swaps back (both ways)', () => {
    setText(MINE, { immediate: true });
    replaceScenario(SC07, 'Opened a shared scenario');
    expect(getState().editor.text).toBe(SC07);
    expect(getState().work.previous).toBe(MINE);
    expect(fake.data.get(PREVIOUS_KEY)).toBe(MINE);
    expect(getState().work.notice?.actions).toEqual(['restore']);

    restorePrevious();
    expect(getState().editor.text).toBe(MINE);
    // SC07 is an example: nothing to keep, nothing more to restore.
    expect(getState().work.previous).toBeNull();

    setText(`${MINE}# edited\n`, { immediate: true });
    replaceScenario('', 'New scenario');
    restorePrevious();
    expect(getState().editor.text).toBe(`${MINE}# edited\n`);
  });

  it('a replacement starts a fresh view; edits keep it', () => {
    setText(MINE, { immediate: true });
    setView({ index: 3, focusConn: 'c1', logFilter: 'c1 destroy' });
    setText(`${MINE}# edited\n`, { immediate: true });
    expect(getState().view.logFilter).toBe('c1 destroy');
    replaceScenario(SC07, 'Opened example SC07');
    expect(getState().view).toMatchObject({ index: -1, focusConn: null, logFilter: '' });
  });
});
