import { ENGINE_NAMES } from '../../core';
import type { EngineName } from '../../core';

/**
 * What the URL fragment asks for. Pure. Recognised forms:
 *
 * - `#s=1.d.<payload>`        a share link (app/share/codec.ts)
 * - `#example/sc02`           an example of the gallery
 * - `#lesson/<id>[/<step>]`   a guided lesson, at a step (1-based)
 * - `#compare/<engine>`       compare the current scenario with another engine
 */
export type Route =
  | { readonly kind: 'none' }
  | { readonly kind: 'share'; readonly fragment: string }
  | { readonly kind: 'example'; readonly id: string }
  | { readonly kind: 'lesson'; readonly id: string; readonly step: number }
  | { readonly kind: 'compare'; readonly engine: EngineName }
  | { readonly kind: 'unknown' };

const ID = /^[a-z0-9-]{1,40}$/;

export function parseRoute(hash: string): Route {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (h === '' || h === '/') return { kind: 'none' };
  if (h.startsWith('s=')) return { kind: 'share', fragment: h };
  let path: string;
  try {
    path = decodeURIComponent(h).toLowerCase();
  } catch {
    return { kind: 'unknown' };
  }
  const parts = path.replace(/^\/+|\/+$/g, '').split('/');
  const [head, a, b] = parts;
  if (head === 'example' && parts.length === 2 && ID.test(a)) return { kind: 'example', id: a };
  if (head === 'lesson' && (parts.length === 2 || parts.length === 3) && ID.test(a)) {
    const step = b === undefined ? 1 : /^[0-9]{1,3}$/.test(b) ? Math.max(1, Number(b)) : 1;
    return { kind: 'lesson', id: a, step };
  }
  if (head === 'compare' && parts.length === 2 && (ENGINE_NAMES as readonly string[]).includes(a)) {
    return { kind: 'compare', engine: a as EngineName };
  }
  return { kind: 'unknown' };
}

export function routeHash(r: Route): string {
  switch (r.kind) {
    case 'share':
      return `#${r.fragment}`;
    case 'example':
      return `#example/${r.id}`;
    case 'lesson':
      return `#lesson/${r.id}/${r.step}`;
    case 'compare':
      return `#compare/${r.engine}`;
    default:
      return '';
  }
}
