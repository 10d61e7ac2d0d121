import { EXAMPLES } from '../../core';
import { replaceRun } from './actions';
import { getState, setView, setWork } from './index';
import { savePrevious, saveScenario } from './persistence';
import { notify } from './notices';
import { parseRoute } from '../model/route';

/**
 * Replacing the whole scenario (a link, a file, an example, "New") must never silently
 * destroy work: the replaced text is kept (memory + localStorage) and a notice offers
 * it back. Texts that are not worth keeping (empty, or an unmodified example) are not.
 */
export function worthKeeping(text: string, next: string): boolean {
  return text.trim() !== '' && text !== next && !EXAMPLES.some((e) => e.text === text);
}

/**
 * Returns whether the replaced text was kept. `what` starts the notice ("Opened sc07.scenario").
 * `fromLink`: the text comes from the address's fragment, which then stays; otherwise a
 * share or example fragment is dropped, so a reload shows the new text, not the old link.
 */
export function replaceScenario(text: string, what: string, opts: { quiet?: boolean; fromLink?: boolean } = {}): boolean {
  if (!opts.fromLink) dropLinkFragment();
  const cur = getState().editor.text;
  const keep = worthKeeping(cur, text);
  if (keep) {
    savePrevious(cur);
    setWork({ previous: cur });
  }
  // A new scenario starts with a fresh view (no log filter, playhead or highlight of the old one);
  // the old picture stays until the new run is shown, and after a Cancel.
  setView({ logFilter: '' });
  replaceRun(text);
  saveScenario(text, true);
  if (keep && !opts.quiet) notify({ kind: 'info', text: `${what}. Your previous scenario is kept.`, actions: ['restore'] });
  return keep;
}

/** Put back the replaced text; what it replaces becomes the new "previous" (so this is undoable too). */
export function restorePrevious(): void {
  const prev = getState().work.previous;
  if (prev === null) return;
  if (replaceScenario(prev, 'Restored', { quiet: true })) {
    notify({ kind: 'info', text: 'Restored your previous scenario. The one it replaced is kept.', actions: ['restore'] });
  } else {
    setWork({ previous: null });
    notify({ kind: 'info', text: 'Restored your previous scenario.' });
  }
}

function dropLinkFragment(): void {
  if (typeof location === 'undefined') return;
  const k = parseRoute(location.hash).kind;
  if (k === 'share' || k === 'example') history.replaceState(history.state, '', location.pathname + location.search);
}
