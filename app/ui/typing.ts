/**
 * Whether a key event lands where the user types (the editor, a text field, a menu, or a
 * widget that owns its keys): global shortcuts leave such keys alone.
 */
export function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof Element)) return false;
  if (t.closest('.monaco-editor, [data-keys="own"]')) return true;
  const tag = t.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return (t as HTMLElement).isContentEditable === true;
}
