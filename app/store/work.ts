import type { EngineName } from '../../core';

/**
 * The `work` slice (issue 4): what keeps the user's work safe and where it is shown —
 * autosave status, the one notice on screen, the text a link/file/example replaced,
 * and the modes (gallery, compare, lesson, embed). Plain data: notices are raised by
 * ./notices.ts; the actions of their buttons are named here and done by app/share/NoticeBar.tsx.
 */

/** `elsewhere`: another tab's autosave has since replaced this tab's text in storage. */
export type SaveStatus = 'idle' | 'saving' | 'saved' | 'full' | 'disabled' | 'failed' | 'off' | 'elsewhere';

/** What a notice's buttons do (done by app/share/NoticeBar.tsx). */
export type NoticeAction = 'restore' | 'download-scenario';

export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'warn' | 'error';
  readonly text: string;
  readonly detail?: string;
  readonly actions?: readonly NoticeAction[];
}

export type Dialog = 'examples' | 'lessons' | 'share' | null;

export interface WorkSlice {
  readonly save: { readonly status: SaveStatus; readonly at: number | null };
  readonly notice: Notice | null;
  /** The text the last link, file, example or "New" replaced (offered back by "Restore"). */
  readonly previous: string | null;
  readonly dialog: Dialog;
  /**
   * Compare mode: the second engine, the playhead on the merged timeline, and a request whose
   * real cell the view is asked to scroll to and mark (the why panel's "show in compare"; null once done).
   */
  readonly compare: { readonly engine: EngineName; readonly at: number; readonly focus?: string | null } | null;
  /** The lesson shown in the left pane, and its step (0-based). */
  readonly lesson: { readonly id: string; readonly step: number } | null;
  /** `?embed=1`: read-only, no autosave, no editor. */
  readonly embed: boolean;
}

export const initialWork: WorkSlice = {
  save: { status: 'idle', at: null },
  notice: null,
  previous: null,
  dialog: null,
  compare: null,
  lesson: null,
  embed: false,
};
