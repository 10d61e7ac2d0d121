import { useEffect, useSyncExternalStore } from 'react';
import { useStore } from '../store';

/** The theme actually shown: the user's choice, or the system's when set to "system". */
export type ResolvedTheme = 'light' | 'dark';

const query = '(prefers-color-scheme: dark)';

function subscribeSystem(cb: () => void): () => void {
  const mq = window.matchMedia(query);
  mq.addEventListener('change', cb);
  return () => mq.removeEventListener('change', cb);
}

function systemTheme(): ResolvedTheme {
  return window.matchMedia(query).matches ? 'dark' : 'light';
}

export function useResolvedTheme(): ResolvedTheme {
  const pref = useStore((s) => s.view.theme);
  const system = useSyncExternalStore(subscribeSystem, systemTheme, () => 'light' as const);
  return pref === 'system' ? system : pref;
}

/** Mirror the resolved theme on <html data-theme> for the CSS variables. */
export function useApplyTheme(): ResolvedTheme {
  const theme = useResolvedTheme();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return theme;
}
