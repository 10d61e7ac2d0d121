import { COMMITS, ENGINE_NAMES, findExample } from '../../core';
import type { EngineName } from '../../core';
import { seek, setText } from '../store/actions';
import { getState, setView, setWork, subscribe } from '../store';
import type { PlaygroundState } from '../store';
import { engineInText, setEngineInText } from '../model/engineText';
import { openCompare } from '../compare/actions';
import { openLesson } from '../lessons/actions';
import { decodeShare, encodeShare, type SharePayload } from './codec';
import { notify } from '../store/notices';
import { replaceScenario } from '../store/replace';
import { parseRoute, type Route } from '../model/route';
import { setFileName } from '../files/files';

/**
 * Links in and out: build the share link of the current state, and open whatever a
 * fragment asks for. The address bar is written only on an explicit Share / Ctrl+S
 * (`history.replaceState`, never per keystroke); after the user edits an opened link's
 * scenario, the fragment is dropped once so a reload shows their work, not the link.
 */

export function currentEngine(s: PlaygroundState = getState()): EngineName {
  const asked = engineInText(s.editor.text);
  if (asked && (ENGINE_NAMES as readonly string[]).includes(asked)) return asked as EngineName;
  return s.sim.result?.engine ?? 'seed';
}

export function currentPayload(s: PlaygroundState = getState()): SharePayload {
  const engine = currentEngine(s);
  return {
    v: 1,
    engine: { name: engine, commit: COMMITS[engine] },
    scenario: s.editor.text,
    view: {
      index: s.view.index,
      conn: s.view.focusConn ?? undefined,
      editor: s.view.editorCollapsed ? 'folded' : 'open',
      compare: s.work.compare?.engine,
      filter: s.view.logFilter,
    },
  };
}

/** The page's address without fragment and without `embed`: where links point. */
export function baseUrl(href: string = location.href): string {
  const u = new URL(href);
  u.hash = '';
  u.searchParams.delete('embed');
  return u.toString();
}

export interface Link {
  readonly url: string;
  readonly fragment: string;
  readonly embedUrl: string;
}

export async function makeLink(): Promise<Link> {
  const fragment = await encodeShare(currentPayload());
  const base = baseUrl();
  const u = new URL(base);
  u.searchParams.set('embed', '1');
  return { url: `${base}#${fragment}`, fragment, embedUrl: `${u.toString()}#${fragment}` };
}

/** Ctrl/Cmd+S and the Share button: the link goes into the address bar (one history entry, replaced). */
export async function writeLinkToAddressBar(): Promise<Link> {
  const link = await makeLink();
  history.replaceState(history.state, '', link.url);
  armClearOnEdit(getState().editor.text);
  return link;
}

// ---- clear the fragment after the first edit -------------------------------------------

let armedText: string | null = null;

function armClearOnEdit(text: string): void {
  armedText = text;
}

function watchEdits(): void {
  subscribe((s, prev) => {
    if (armedText === null || s.editor.text === prev.editor.text || s.editor.text === armedText) return;
    armedText = null;
    const r = parseRoute(location.hash);
    if (r.kind === 'share' || r.kind === 'example') history.replaceState(history.state, '', baseUrl());
  });
}

// ---- opening ------------------------------------------------------------------------------

/** Resolves once the current text has been run (works for synchronous and worker runs). */
export function afterRun(timeoutMs = 15_000): Promise<void> {
  const done = (s: PlaygroundState) => !s.editor.pending && (s.sim.result !== null || s.sim.stale || s.sim.crash !== null);
  return new Promise((resolve) => {
    if (done(getState())) return resolve();
    const stop = subscribe((s) => {
      if (!done(s)) return;
      stop();
      clearTimeout(t);
      resolve();
    });
    const t = setTimeout(() => {
      stop();
      resolve();
    }, timeoutMs);
  });
}

const UNCHANGED = 'Your current scenario is unchanged.';

export async function openShare(fragment: string, opts: { readonly?: boolean } = {}): Promise<boolean> {
  const r = await decodeShare(fragment);
  if (!r.ok) {
    notify({ kind: r.error.code === 'newer' ? 'warn' : 'error', text: r.error.message, detail: opts.readonly ? undefined : UNCHANGED });
    return false;
  }
  const { payload } = r;
  const warnings = [...r.warnings];
  const name = payload.engine.name;
  const known = (ENGINE_NAMES as readonly string[]).includes(name) ? COMMITS[name as EngineName] : null;
  if (!known) warnings.push(`It was made with an engine this playground does not have (“${name}”); the scenario's own engine line is used.`);
  else if (payload.engine.commit && payload.engine.commit !== known) {
    warnings.push(`It was made with engine ${name} at commit ${payload.engine.commit.slice(0, 9)}; this playground models ${known.slice(0, 9)}, so results may differ.`);
  }
  let text = payload.scenario;
  if (known && name !== 'seed' && engineInText(text) === null) text = setEngineInText(text, name);

  if (opts.readonly) setText(text, { immediate: true });
  else {
    setWork({ lesson: null });
    const kept = replaceScenario(text, 'Opened a shared scenario', { quiet: warnings.length > 0, fromLink: true });
    if (warnings.length) {
      notify({ kind: 'warn', text: `Opened a shared scenario. ${warnings.join(' ')}`, detail: kept ? 'Your previous scenario is kept.' : undefined, actions: kept ? ['restore'] : [] });
    }
    armClearOnEdit(text);
    setFileName('shared.scenario');
  }
  await afterRun();
  const v = payload.view;
  setView({ editorCollapsed: v.editor === 'folded', logFilter: v.filter ?? '' });
  if (v.index !== undefined) seek(v.index);
  const conns = getState().sim.result?.world.conns;
  if (v.conn && conns?.has(v.conn)) setView({ focusConn: v.conn });
  if (v.compare && !opts.readonly) openCompare(v.compare);
  return true;
}

/** Open an example (the gallery, or `#example/<id>` with `fromLink`). */
export function openExample(id: string, opts: { readonly?: boolean; fromLink?: boolean } = {}): boolean {
  const ex = findExample(id);
  if (!ex) {
    notify({ kind: 'error', text: `There is no example “${id.slice(0, 20)}”. Open the gallery to pick one.`, detail: UNCHANGED });
    return false;
  }
  if (opts.readonly) setText(ex.text, { immediate: true });
  else {
    setWork({ lesson: null });
    replaceScenario(ex.text, `Opened example ${ex.id.toUpperCase()}`, { fromLink: opts.fromLink });
    setFileName(`${ex.id}.scenario`);
    armClearOnEdit(ex.text);
  }
  return true;
}

export async function openRoute(route: Route, opts: { readonly?: boolean } = {}): Promise<void> {
  switch (route.kind) {
    case 'share':
      await openShare(route.fragment, opts);
      break;
    case 'example':
      openExample(route.id, { ...opts, fromLink: true });
      break;
    case 'lesson':
      if (!opts.readonly) openLesson(route.id, route.step - 1);
      break;
    case 'compare':
      if (!opts.readonly) openCompare(route.engine);
      break;
    case 'unknown':
      notify({ kind: 'warn', text: 'The address ends with a fragment (#…) that the playground does not know; it was ignored.' });
      break;
    case 'none':
      break;
  }
}

/** Open the fragment of the page's address, and any fragment pasted later. */
export function installRouting(opts: { readonly?: boolean } = {}): Promise<void> {
  if (!opts.readonly) watchEdits();
  window.addEventListener('hashchange', () => void openRoute(parseRoute(location.hash), opts));
  setWork({ embed: !!opts.readonly });
  return openRoute(parseRoute(location.hash), opts);
}
