import { useSyncExternalStore } from 'react';
import { useStore } from '../store';
import { shownDiagnostics } from '../store/selectors';
import { usePhone } from '../ui/usePhone';
import { ProblemsList } from './ProblemsList';

// Whether the desktop's problems list is open: the editor title's count and the list under it share it.
let open = false;
const listeners = new Set<() => void>();
function setOpen(v: boolean): void {
  open = v;
  for (const l of listeners) l();
}
function useOpen(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
  );
}

/** "3 errors 14 warnings" in the editor's title: on a desktop, a button that opens the list of them. */
export function ProblemsToggle({ children }: { children: React.ReactNode }) {
  const isOpen = useOpen();
  const count = useStore((s) => shownDiagnostics(s.editor).length);
  const phone = usePhone();
  // A phone lists them under its text area already.
  if (phone || count === 0) return <>{children}</>;
  return (
    <button
      className={`problems-toggle${isOpen ? ' pressed' : ''}`}
      aria-expanded={isOpen}
      aria-controls="problems-list"
      title={isOpen ? 'Hide the list of problems' : 'List the problems (click one to go to its place)'}
      data-testid="problems-toggle"
      onClick={() => setOpen(!isOpen)}
    >
      {children}
      <span aria-hidden="true">{isOpen ? '▴' : '▾'}</span>
    </button>
  );
}

/** The list itself, under the editor's title, pushing the editor down rather than covering it. */
export function ProblemsPanel() {
  const isOpen = useOpen();
  const diagnostics = useStore((s) => shownDiagnostics(s.editor));
  const text = useStore((s) => s.editor.text);
  const phone = usePhone();
  if (!isOpen || phone || diagnostics.length === 0) return null;
  return <ProblemsList diagnostics={diagnostics} text={text} testId="problems" fixTestId="problem-fix" className="problems-panel" id="problems-list" />;
}
