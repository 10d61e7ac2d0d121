/**
 * The real HAProxy recordings of the gallery's examples and lessons (core/test/real-examples/),
 * found by the scenario text on screen and set beside a run (core's realColumn). Each recording
 * is a chunk of its own, fetched only when its scenario is shown: the page stays offline and
 * small (the service worker caches the chunks with the rest of the build).
 */
import { useEffect, useState } from 'react';
import { agreementText, engineView, realColumn, type RealColumn, type RealTrace, type RunResult } from '../../core';

const FILES = import.meta.glob<RealTrace>('../../core/test/real-examples/*.real.json', { import: 'default' });
const KEYS = new Map(Object.keys(FILES).map((p) => [/([^/]+)\.real\.json$/.exec(p)![1]!, p]));

const norm = (t: string) => t.replace(/\r\n/g, '\n').trimEnd();
let byText: Map<string, string> | null = null;

/** The recording's key (`sc03`, `sc04@never`) when `text` is exactly a recorded example or lesson step. */
export function recordingKeyFor(text: string): string | null {
  byText ??= new Map([...KEYS.keys()].flatMap((k) => {
    const t = agreementText(k);
    return t === null ? [] : [[norm(t), k] as [string, string]];
  }));
  return byText.get(norm(text)) ?? null;
}

const traces = new Map<string, Promise<RealTrace>>();
function loadRecording(key: string): Promise<RealTrace> {
  let p = traces.get(key);
  if (!p) {
    p = FILES[KEYS.get(key)!]!();
    traces.set(key, p);
  }
  return p;
}

export interface Recording {
  readonly key: string;
  readonly trace: RealTrace;
  readonly column: RealColumn;
}

const columns = new WeakMap<RunResult, Recording>();

/** The recording of the scenario `text` beside `result` (null: none, or still loading). */
export function useRecording(text: string, result: RunResult | null): Recording | null {
  const key = result && result.ok ? recordingKeyFor(text) : null;
  const [rec, setRec] = useState<Recording | null>(() => (result ? (columns.get(result) ?? null) : null));
  useEffect(() => {
    if (!key || !result) {
      setRec(null);
      return;
    }
    const known = columns.get(result);
    if (known?.key === key) {
      setRec(known);
      return;
    }
    let live = true;
    loadRecording(key)
      .then((trace) => {
        // A run cut short by a limit is not the run that was recorded: nothing to set beside it.
        if (result.limitReached) return null;
        const r: Recording = { key, trace, column: realColumn(engineView(result), trace) };
        columns.set(result, r);
        return r;
      })
      .then((r) => live && setRec(r), () => live && setRec(null));
    return () => {
      live = false;
    };
  }, [key, result]);
  return rec && rec.key === key ? rec : null;
}

/** `HAProxy 2.6.12-1+deb12u4` → `HAProxy 2.6.12`. */
export const shortBinary = (b: string) => /^HAProxy \d+\.\d+(\.\d+)?/.exec(b)?.[0] ?? b;
