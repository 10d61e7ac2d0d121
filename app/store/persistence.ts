/**
 * What survives a reload (G13's policy table, kept tiny until sharing lands in issue 4):
 * the scenario text and the theme preference, in localStorage. Every access is guarded:
 * private mode or a full quota must never break the page.
 */
export const SCENARIO_KEY = 'reuse-playground:scenario';
export const THEME_KEY = 'reuse-playground:theme';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadScenario(): string | null {
  try {
    return storage()?.getItem(SCENARIO_KEY) ?? null;
  } catch {
    return null;
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Save soon (coalesces keystrokes); `now` saves at once. */
export function saveScenario(text: string, now = false): void {
  clearTimeout(timer);
  const write = () => {
    try {
      storage()?.setItem(SCENARIO_KEY, text);
    } catch {
      /* quota or privacy mode: autosave is best effort */
    }
  };
  if (now) write();
  else timer = setTimeout(write, 250);
}

export function loadTheme(): 'system' | 'light' | 'dark' {
  try {
    const v = storage()?.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function saveTheme(v: 'system' | 'light' | 'dark'): void {
  try {
    if (v === 'system') storage()?.removeItem(THEME_KEY);
    else storage()?.setItem(THEME_KEY, v);
  } catch {
    /* best effort */
  }
}
