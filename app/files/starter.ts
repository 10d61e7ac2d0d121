import { withStarterScript } from '../../core';
import { notify } from '../store/notices';

/**
 * A bare haproxy.cfg (opened, dropped or pasted) is kept as written and gets a starter script:
 * one request down each route, so the first run shows every backend in use, on the modern engine
 * (core/scenario/starter.ts).
 */
export function starterFor(text: string): { text: string; requests: number; missed: number } {
  return withStarterScript(text);
}

export function starterNotice(what: string, requests: number, missed: number, kept: boolean): void {
  const routes = `${requests} request${requests === 1 ? '' : 's'}, one down each route`;
  const miss = missed > 0 ? ` (${missed} route${missed === 1 ? '' : 's'} without one: see the comments)` : '';
  notify({
    kind: 'info',
    text: `${what}: your haproxy.cfg as written, plus a starter script — ${routes}${miss}. It runs on the HAProxy 2.6 engine; the Engine menu has 2.8, 3.0, 3.2 and 3.4.${kept ? ' Your previous scenario is kept.' : ''}`,
    ...(kept ? { actions: ['restore'] as const } : {}),
  });
}
