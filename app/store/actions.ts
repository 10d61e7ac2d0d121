import { EXAMPLES, LOAD_EXAMPLES } from '../../core';
import type { EngineName, Trace } from '../../core';
import { editorBridge } from './editorBridge';
import { eventForConnClick, indexAtTime, remapIndex, remapIndexInPrefix } from '../model/analysis';
import { listsFor, planDiagram } from '../model/diagram/layout';
import { setEngineInText } from '../model/engineText';
import { getState, setEditor, setRun, setSim, setView } from './index';
import { cancelRun as cancelWorkerRun, DETAIL_MAX_CONNS, reportStatusTo, speculate, startRun, type RunOutcome } from '../sim/runner';
import type { PlaygroundState, ThemePref, ViewSlice } from './index';
import type { RunSlice } from './run';
import { loadScenario, loadTheme, saveScenario, saveTheme } from './persistence';
import { startPlayback, stopPlayback } from './playback';
import { runText } from '../model/sweep/plan';

/** Module-level actions (G11): the only code that writes the store. Callable without React. */

export const RUN_DELAY_MS = 300;

// The runner reports a worker run's progress into the `run` slice (it imports no store).
reportStatusTo(setRun);

let runTimer: ReturnType<typeof setTimeout> | undefined;

/** The text changed (typing, example, engine switch). Re-runs after a short pause. */
export function setText(text: string, opts: { immediate?: boolean } = {}): void {
  if (text === getState().editor.text && !opts.immediate) return;
  // The typing pause counts from the keystroke: the timer starts before anything else.
  clearTimeout(runTimer);
  if (!opts.immediate) runTimer = setTimeout(runNow, RUN_DELAY_MS);
  setEditor({ text, pending: true });
  saveScenario(text);
  if (opts.immediate) runNow();
  // Shown after the typing pause, but a run of medium size starts in the worker now —
  // after the typed key is painted (parsing it on the page takes a ms or two).
  else afterPaint(() => getState().editor.text === text && speculate(runText(text, getState().sweep.open)));
}

/** Run `f` once the next frame has been painted. */
function afterPaint(f: () => void): void {
  if (typeof requestAnimationFrame === 'undefined') setTimeout(f, 0);
  else requestAnimationFrame(() => setTimeout(f, 0));
}

/** Run the current text now (on the page or in the worker: app/sim/runner.ts); keep the playhead at the same virtual time. */
export function runNow(): void {
  clearTimeout(runTimer);
  // The part of an abandoned run is not a run: the one before it comes back.
  restoreBeforePartial();
  // With a point of a sweep open, its sweeps are pinned to that point (app/model/sweep/plan.ts).
  startRun(runText(getState().editor.text, getState().sweep.open), {
    checked(diagnostics, ok) {
      const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
      // A worker run keeps `pending` until its picture is published.
      setEditor({ diagnostics, errorCount, pending: ok });
      if (!ok) setSim({ stale: true, crash: null });
    },
    result: publishRun,
    partial: (out) => publishRun(out, true),
    firstIndex: (trace, complete) => (complete ? playheadFor(trace) : playheadInPrefix(trace)),
    failed(message) {
      restoreBeforePartial();
      // A core bug, not a user error: say so and keep the page alive.
      setEditor({ pending: false });
      setSim({ crash: message });
    },
  });
}

/** What was on screen before the first part of a run in progress (publishRun `partial`): back if that run does not end. */
let beforePartial: { sim: PlaygroundState['sim']; index: number; focusConn: string | null; groups: RunSlice['groups']; folded: boolean; fresh: boolean } | null = null;

function restoreBeforePartial(): void {
  const b = beforePartial;
  beforePartial = null;
  if (!b || !getState().sim.partial) return;
  setRun({ groups: b.groups, folded: b.folded });
  setSim({ ...b.sim, runId: getState().sim.runId + 1, partial: false });
  setView({ index: b.index, focusConn: b.focusConn });
  freshView ||= b.fresh;
}

/** The next run shown is of a new scenario: it starts at its beginning instead of the old playhead's time. */
let freshView = false;

/**
 * A new scenario replaces the text (example, link, file). The picture on screen stays until the
 * new run can be shown — so a Cancel in between truly leaves the previous run — and the new
 * run then starts with a fresh view: no playhead or highlighted connection of the old one.
 */
export function replaceRun(text: string): void {
  pause();
  freshView = true;
  setText(text, { immediate: true });
}

/** The playhead a new run is shown at: the old one's virtual time (remapIndex), or before the first event for a new scenario. */
function playheadFor(trace: Trace, fresh = freshView): number {
  const prev = fresh ? null : getState().sim.result;
  return prev ? remapIndex(prev.trace, getState().view.index, trace) : -1;
}

/** The playhead a new run will be shown at, from its first events only: null while more may move it. */
function playheadInPrefix(prefix: Trace): number | null {
  const prev = freshView ? null : getState().sim.result;
  return prev ? remapIndexInPrefix(prev.trace, getState().view.index, prefix) : -1;
}

/**
 * A run is complete: show it. `partial`: the first part of a large run still in progress (the
 * progress bar stays); the whole run replaces it later at the same playhead.
 */
function publishRun(out: RunOutcome, partial = false): void {
  const { res, cursor, analysis, runMs } = out;
  // Many connections are drawn folded too (the detailed diagram draws each one).
  const folded = out.folded || analysis.conns.size > DETAIL_MAX_CONNS;
  const errorCount = res.diagnostics.filter((d) => d.severity === 'error').length;
  if (partial && !getState().sim.partial) {
    const { sim, view, run } = getState();
    beforePartial = { sim, index: view.index, focusConn: view.focusConn, groups: run.groups, folded: run.folded, fresh: freshView };
  }
  if (!partial) beforePartial = null;
  // A run shown in part stays pending until it is whole.
  setEditor({ diagnostics: res.diagnostics, errorCount, pending: partial });
  const fresh = freshView;
  freshView = false;
  const view = fresh ? { ...getState().view, index: -1, focusConn: null } : getState().view;
  const plan = detailPlan(res, analysis, folded, getState().run.expanded);
  // The whole of a run shown in part keeps the playhead where it is (the part is the whole's start).
  const index = getState().sim.partial && !partial ? Math.min(view.index, res.trace.length - 1) : playheadFor(res.trace, fresh);
  setRun({ groups: out.groups, folded });
  setSim({
    result: res,
    cursor,
    analysis,
    plan,
    stale: false,
    crash: null,
    runId: getState().sim.runId + 1,
    runMs,
    partial,
  });
  const focusConn = view.focusConn && analysis.conns.has(view.focusConn) ? view.focusConn : null;
  setView({ index, focusConn });
  if (index >= res.trace.length - 1) stopPlaying();
}

/** Geometry of the diagram; folded runs are drawn from counts (views/Scale): no per-session geometry. */
function detailPlan(res: RunOutcome['res'], analysis: RunOutcome['analysis'], folded: boolean, expanded: readonly string[]) {
  return planDiagram(
    folded ? [] : [...analysis.sessions.keys()],
    folded ? [] : [...analysis.conns.keys()],
    res.servers,
    analysis.maxList,
    listsFor(res.engine, analysis.maxList),
    {
      expanded: new Set(expanded),
      ...(res.backends ? { backends: res.backends } : {}),
      reached: new Set([...analysis.conns.values()].map((c) => c.server)),
    },
  );
}

/** Expand or fold a part of the diagram: a client group, a server list, a long server box. */
export function toggleExpanded(key: string): void {
  const cur = getState().run.expanded;
  const expanded = cur.includes(key) ? cur.filter((k) => k !== key) : [...cur, key];
  setRun({ expanded });
  const { result, analysis } = getState().sim;
  if (result && analysis && key.startsWith('srv:')) setSim({ plan: detailPlan(result, analysis, getState().run.folded, expanded) });
}

/** The progress bar's Cancel: stop the run in the worker; the last good run stays on screen. */
export function cancelRun(): void {
  if (cancelWorkerRun()) {
    // The picture goes back to the run before (the progress bar's note says so).
    restoreBeforePartial();
    setEditor({ pending: false });
  }
}

/** First load: restore the autosaved text (or the motivating example) and run it. */
export function initPlayground(opts: { autoplay?: boolean } = {}): void {
  const w = typeof window === 'undefined' ? 1280 : window.innerWidth;
  const h = typeof window === 'undefined' ? 800 : window.innerHeight;
  setView({
    theme: loadTheme(),
    sizes: {
      editor: Math.round(Math.max(300, Math.min(460, w * 0.33))),
      // Room for the why panel's explanation and conditions without scrolling (issue 19).
      bottom: h < 700 ? 190 : Math.round(Math.min(330, h * 0.38)),
      log: Math.round(w * 0.42),
    },
  });
  const saved = loadScenario();
  const text = saved ?? EXAMPLES[0]?.text ?? '';
  setEditor({ text });
  runNow();
  if (opts.autoplay && getState().sim.result && getState().sim.result!.trace.length > 0) play();
}

export function loadExample(id: string): void {
  const ex = EXAMPLES.find((e) => e.id === id) ?? LOAD_EXAMPLES.find((e) => e.id === id);
  if (!ex) return;
  replaceRun(ex.text);
  saveScenario(ex.text, true);
}

/** Switch the algorithm by rewriting the scenario's `engine` statement (`modern 3.0`: with its version). */
export function setEngine(engine: string): void {
  setText(setEngineInText(getState().editor.text, engine), { immediate: true });
}

// ---- playhead ----------------------------------------------------------------

function traceLength(): number {
  return getState().sim.result?.trace.length ?? 0;
}

export function seek(index: number): void {
  const n = traceLength();
  const i = Math.max(-1, Math.min(n - 1, Math.round(index)));
  if (i !== getState().view.index) setView({ index: i });
}

/** Seek to the last event at or before virtual time `t` (µs). */
export function seekTime(t: number): void {
  const r = getState().sim.result;
  if (r) seek(indexAtTime(r.trace, t));
}

export function stepNext(): void {
  pause();
  seek(getState().view.index + 1);
}
export function stepPrev(): void {
  pause();
  seek(getState().view.index - 1);
}
export function seekStart(): void {
  pause();
  seek(-1);
}
export function seekEnd(): void {
  pause();
  seek(traceLength() - 1);
}

/** Select an event (log row, timeline tick): the playhead moves there. */
export function selectEvent(index: number): void {
  pause();
  seek(index);
}

/** A click on a connection in the diagram: focus it and walk its events. */
export function clickConn(id: string): void {
  const { sim, view } = getState();
  pause();
  const next = eventForConnClick(sim.analysis?.byConn.get(id), view.index);
  setView({ focusConn: id });
  if (next !== null) seek(next);
}

export function clearFocus(): void {
  setView({ focusConn: null });
}

// ---- playback ----------------------------------------------------------------

export function play(): void {
  const n = traceLength();
  if (n === 0) return;
  if (getState().view.index >= n - 1) seek(-1); // replay from the start
  setView({ playing: true });
  startPlayback(advance);
}

export function pause(): void {
  if (getState().view.playing) stopPlaying();
}

function stopPlaying(): void {
  stopPlayback();
  setView({ playing: false });
}

export function togglePlay(): void {
  if (getState().view.playing) pause();
  else play();
}

export function setSpeed(speed: number): void {
  setView({ speed: Math.max(0.25, Math.min(8, speed)) });
}

/** Called by the playback loop: advance `count` events (one by default), stop at the end. */
export function advance(count = 1): boolean {
  const n = traceLength();
  const i = getState().view.index;
  if (i >= n - 1) {
    stopPlaying();
    return false;
  }
  const next = Math.min(n - 1, i + Math.max(1, count));
  setView({ index: next });
  if (next >= n - 1) stopPlaying();
  return true;
}

// ---- view --------------------------------------------------------------------

export function setTheme(theme: ThemePref): void {
  setView({ theme });
  saveTheme(theme);
}

export function cycleTheme(): void {
  const order: ThemePref[] = ['system', 'light', 'dark'];
  const cur = getState().view.theme;
  setTheme(order[(order.indexOf(cur) + 1) % order.length]);
}

export function setHelp(open: boolean): void {
  setView({ helpOpen: open });
}

export function toggleEditor(): void {
  setView({ editorCollapsed: !getState().view.editorCollapsed });
}

export function setSizes(p: Partial<ViewSlice['sizes']>): void {
  setView({ sizes: { ...getState().view.sizes, ...p } });
}

/** The banner's action: put the cursor on the first error. */
export function jumpToFirstError(): void {
  const d = getState().editor.diagnostics.find((x) => x.severity === 'error');
  const b = editorBridge();
  if (!d || !b) return;
  b.revealPosition(d.line, d.column);
  b.focus();
}
