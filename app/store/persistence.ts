import { setWork } from './index';
import type { SaveStatus } from './work';

/**
 * What survives a reload (G13's policy table):
 *
 * | state                         | where                     | when                                |
 * | ----------------------------- | ------------------------- | ----------------------------------- |
 * | scenario text                 | localStorage `scenario`   | every change (coalesced 250 ms), verified by reading back |
 * | text a link/file/example replaced | localStorage `previous` | when it is replaced              |
 * | a tab's text another tab's autosave replaced | localStorage `previous` | then (app/files/tabs.ts) |
 * | theme                         | localStorage `theme`      | on change                           |
 * | lesson progress               | localStorage `lessons`    | app/lessons/progress.ts             |
 * | scenario + view for others    | URL fragment `#s=`        | only on Share / Ctrl+S (app/share/) |
 *
 * Every access is guarded: private mode or a full quota must never break the page, and
 * the status (`work.save`) says plainly when the work is not being kept.
 */
export const SCENARIO_KEY = 'reuse-playground:scenario';
export const PREVIOUS_KEY = 'reuse-playground:previous';
export const THEME_KEY = 'reuse-playground:theme';

export function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

let enabled = true;

/** Embeds are read-only: they neither read nor overwrite the user's autosave. */
export function setAutosave(on: boolean): void {
  enabled = on;
  clearTimeout(timer);
  setStatus(on ? 'idle' : 'off');
}

export function autosaveEnabled(): boolean {
  return enabled;
}

export function loadScenario(): string | null {
  if (!enabled) return null;
  try {
    return storage()?.getItem(SCENARIO_KEY) ?? null;
  } catch {
    return null;
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;
let pendingText: string | null = null;
let lastStatus: SaveStatus = 'idle';

function setStatus(status: SaveStatus): void {
  if (status === lastStatus && status !== 'saved') return;
  lastStatus = status;
  setWork({ save: { status, at: status === 'saved' ? Date.now() : null } });
}

function isQuota(e: unknown): boolean {
  if (!(e instanceof DOMException)) return false;
  return e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22 || e.code === 1014;
}

/** Write `value` under `key` and read it back. */
export function writeVerified(key: string, value: string): SaveStatus {
  const s = storage();
  if (!s) return 'disabled';
  try {
    s.setItem(key, value);
  } catch (e) {
    return isQuota(e) ? 'full' : e instanceof DOMException && e.name === 'SecurityError' ? 'disabled' : 'failed';
  }
  try {
    return s.getItem(key) === value ? 'saved' : 'failed';
  } catch {
    return 'failed';
  }
}

/** Save soon (coalesces keystrokes); `now` saves at once. */
export function saveScenario(text: string, now = false): void {
  if (!enabled) return;
  clearTimeout(timer);
  pendingText = text;
  if (now) flushSave();
  else {
    setStatus('saving');
    timer = setTimeout(flushSave, 250);
  }
}

/** Write a pending save now (the page is being hidden or closed). */
export function flushSave(): void {
  clearTimeout(timer);
  if (pendingText === null || !enabled) return;
  const text = pendingText;
  pendingText = null;
  setStatus(writeVerified(SCENARIO_KEY, text));
}

/** Another tab's autosave replaced this tab's text in storage (see app/files/tabs.ts). */
export function markSavedElsewhere(): void {
  setStatus('elsewhere');
}

/** The text that the last link, file, example or "New" replaced. */
export function loadPrevious(): string | null {
  if (!enabled) return null;
  try {
    return storage()?.getItem(PREVIOUS_KEY) ?? null;
  } catch {
    return null;
  }
}

export function savePrevious(text: string): void {
  if (!enabled) return;
  writeVerified(PREVIOUS_KEY, text);
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
