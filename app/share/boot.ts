import { getState, setView, setWork } from '../store';
import { flushSave, loadPrevious, setAutosave } from '../store/persistence';
import { installCompareLink } from './compareLink';
import { installRouting } from './links';
import { parseRoute } from '../model/route';
import { installShortcuts } from './shortcuts';
import { watchOtherTabs } from '../files/tabs';
import { registerOffline } from '../offline/register';

/**
 * Start-up of issue 4's parts, around `initPlayground` (app/main.tsx):
 * `beforeInit` decides the mode (`?embed=1`: read-only, no autosave) and whether the
 * address asks for something (then nothing autoplays under it); `afterInit` opens it.
 */
export function beforeInit(): { embed: boolean; routed: boolean } {
  const embed = new URLSearchParams(location.search).get('embed') === '1';
  const routed = parseRoute(location.hash).kind !== 'none';
  if (embed) setAutosave(false);
  else {
    installShortcuts();
    // A change typed just before closing the tab is written, not lost in the 250 ms coalescing.
    window.addEventListener('pagehide', flushSave);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flushSave());
    watchOtherTabs();
    installCompareLink();
  }
  return { embed, routed };
}

export function afterInit(embed: boolean): void {
  if (embed) setView({ theme: 'light' });
  else {
    const prev = loadPrevious();
    if (prev !== null && prev !== getState().editor.text) setWork({ previous: prev });
  }
  void installRouting({ readonly: embed });
  registerOffline();
}
