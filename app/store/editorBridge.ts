/**
 * The few editor operations that store actions need (jump to an error, focus), without
 * importing Monaco: the lazy editor chunk registers an implementation when it mounts.
 */
export interface EditorBridge {
  revealPosition(line: number, column: number): void;
  /** Select the text between two offsets, scroll it into view and focus the editor (a problem's place). */
  select(from: number, to: number): void;
  focus(): void;
  /** The editor's own text and cursor (tests check that they follow the store). */
  getValue(): string;
  getPosition(): { line: number; column: number } | null;
}

let impl: EditorBridge | null = null;

export function registerEditorBridge(b: EditorBridge | null): void {
  impl = b;
}

export function editorBridge(): EditorBridge | null {
  return impl;
}
