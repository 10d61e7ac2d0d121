import { subscribe } from '../store';
import { makeLink, writeLinkToAddressBar } from './links';
import { parseRoute } from '../model/route';

/**
 * Compare mode in the address bar: opening it (or switching its engine, or moving its playhead)
 * writes the share link of the view — scenario, playhead and `compare` (docs/links.md) — so the
 * comparison can be shared or bookmarked as it is. Closing puts back the address it had
 * before; a share link it had is rewritten without `compare`, so a reload shows the scenario,
 * not the comparison. One history entry, replaced; `#compare/<engine>` links still open it.
 */

/** Playhead moves are written after this pause (a link is compressed each time). */
const SETTLE_MS = 400;

export function installCompareLink(): () => void {
  /** The address's fragment before compare opened; null while compare is closed. */
  let before: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts changes: a link finished after a later change must not land in the address bar. */
  let generation = 0;

  const write = () => {
    const g = ++generation;
    void makeLink().then((link) => {
      if (g === generation && before !== null) history.replaceState(history.state, '', link.url);
    });
  };

  const stop = subscribe((s, prev) => {
    const c = s.work.compare;
    const p = prev.work.compare;
    if (c === p || s.work.embed) return;
    clearTimeout(timer);
    if (c && !p) {
      before = location.hash;
      write();
    } else if (c && p && c.engine !== p.engine) write();
    else if (c && p) timer = setTimeout(write, SETTLE_MS);
    else if (!c && p) {
      const hash = before ?? '';
      const was = parseRoute(hash).kind;
      before = null;
      generation++;
      // Closed by going elsewhere (`#lesson/…` opened): that address stays.
      const now = parseRoute(location.hash).kind;
      if (now !== 'share' && now !== 'compare' && now !== 'none') return;
      if (was === 'share') void writeLinkToAddressBar();
      else history.replaceState(history.state, '', location.pathname + location.search + (was === 'compare' ? '' : hash));
    }
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}
